// ColorPredictor: on this background, which text reads better, black or white?
//
// A 3-3-2 network takes the background colour (red, green, blue scaled to 0..1) and answers with
// two numbers, one for black and one for white; the larger wins. It starts knowing nothing.
// Click the side whose text you find easier to read: your answer is kept, the network trains on
// everything you have taught it so far, and a new colour appears. The dot marks the network's
// guess. Press r to forget everything and start again.
// After the Coding Train's colour predictor challenge.

import toynn.*;

NeuralNetwork brain;
ArrayList<float[]> colors = new ArrayList<float[]>();    // what you were shown, 0..1
ArrayList<float[]> answers = new ArrayList<float[]>();   // {1, 0} = black, {0, 1} = white
float r, g, b;

void setup() {
  size(600, 300);
  brain = new NeuralNetwork(3, 3, 2);
  pickColor();
}

void pickColor() {
  r = random(255);
  g = random(255);
  b = random(255);
}

void draw() {
  background(r, g, b);

  // Practise on the answers collected so far, a few steps per frame.
  if (colors.size() > 0) {
    for (int i = 0; i < 50; i++) {
      int k = (int) random(colors.size());
      brain.train(colors.get(k), answers.get(k));
    }
  }

  float[] guess = brain.predict(new float[] {r / 255, g / 255, b / 255});
  boolean black = guess[0] > guess[1];

  stroke(black ? 0 : 255, 80);
  line(width / 2, 20, width / 2, height - 20);

  textAlign(CENTER, CENTER);
  textSize(64);
  fill(0);
  text("black", width / 4, height / 2 - 20);
  fill(255);
  text("white", 3 * width / 4, height / 2 - 20);

  noStroke();
  fill(black ? 0 : 255);
  ellipse(black ? width / 4 : 3 * width / 4, height / 2 + 60, 30, 30);

  textSize(14);
  text("colours taught: " + colors.size() + "   ·   guess: black " + nf(guess[0], 1, 2)
       + ", white " + nf(guess[1], 1, 2), width / 2, height - 24);
}

void mousePressed() {
  colors.add(new float[] {r / 255, g / 255, b / 255});
  if (mouseX < width / 2) {
    answers.add(new float[] {1, 0});
  } else {
    answers.add(new float[] {0, 1});
  }
  pickColor();
}

void keyPressed() {
  if (key == 'r') {
    brain = new NeuralNetwork(3, 3, 2);
    colors.clear();
    answers.clear();
    pickColor();
  }
}
