// XOR: a 2-4-1 network learns exclusive-or while you watch.
//
// Every frame it trains on a few hundred random samples of the four cases, then asks the network
// about every point of the unit square and draws its answer as a grey level: black = 0, white = 1.
// The corners are the four cases, so a solved network shows white at top right and bottom left.
//
// Drag the slider (or press + and -) to change the learning rate; press r to start again from
// new random weights. After the Coding Train's lecture on the XOR problem.

import toynn.*;

NeuralNetwork nn;

float[][] inputs  = { {0, 0}, {0, 1}, {1, 0}, {1, 1} };
float[][] targets = { {0},    {1},    {1},    {0}    };

float learningRate = 0.1;
float minRate = 0.01;
float maxRate = 1.0;

int resolution = 10;   // pixels per grid cell
int panel = 40;        // height of the strip under the square that holds the slider
int sliderLeft = 170;
int sliderRight;
int sliderY;

void setup() {
  size(400, 440);
  sliderRight = width - 20;
  sliderY = height - panel / 2;
  newNetwork();
}

void newNetwork() {
  nn = new NeuralNetwork(2, 4, 1);   // 2 inputs, 4 hidden, 1 output; sigmoid everywhere
  nn.setLearningRate(learningRate);
}

void draw() {
  background(0);

  // Learn: one step of backpropagation per sample, as in the lecture.
  for (int i = 0; i < 200; i++) {
    int k = (int) random(inputs.length);
    nn.train(inputs[k], targets[k]);
  }

  // Look: the network's answer over the unit square.
  int cols = width / resolution;
  int rows = (height - panel) / resolution;
  noStroke();
  for (int i = 0; i < cols; i++) {
    for (int j = 0; j < rows; j++) {
      float x1 = i / (float) (cols - 1);
      float x2 = j / (float) (rows - 1);
      float y = nn.predict(new float[] {x1, x2})[0];
      fill(y * 255);
      rect(i * resolution, j * resolution, resolution, resolution);
    }
  }

  drawSlider();
}

void drawSlider() {
  noStroke();
  fill(40);
  rect(0, height - panel, width, panel);
  fill(255);
  textSize(14);
  textAlign(LEFT, CENTER);
  text("learning rate " + nf(learningRate, 1, 3), 12, sliderY);
  stroke(140);
  strokeWeight(2);
  line(sliderLeft, sliderY, sliderRight, sliderY);
  noStroke();
  fill(255, 200, 0);
  float knob = map(learningRate, minRate, maxRate, sliderLeft, sliderRight);
  ellipse(knob, sliderY, 14, 14);
}

void setLearningRate(float lr) {
  learningRate = constrain(lr, minRate, maxRate);
  nn.setLearningRate(learningRate);
}

void mousePressed() {
  if (mouseY > height - panel) {
    setLearningRate(map(mouseX, sliderLeft, sliderRight, minRate, maxRate));
  }
}

void mouseDragged() {
  mousePressed();
}

void keyPressed() {
  if (key == '+' || key == '=') {
    setLearningRate(learningRate * 1.25);
  } else if (key == '-') {
    setLearningRate(learningRate / 1.25);
  } else if (key == 'r') {
    newNetwork();
  }
}
