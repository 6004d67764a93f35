// TrainingStep: one step of backpropagation, drawn out — the lecture itself.
//
// A 2-2-1 network learns XOR, one sample at a time. Each press of the space bar (or a click) is one
// call to nn.trainStep(inputs, targets): the sample is fed forward, the output is compared with the
// target, and the error is passed back through the weights. Everything the step computed is
// written beside the network:
//   beside each weight:  w, its value during the step, and Δw = G · input^T, what the step added;
//   beside each node:    o, its output; E, its error; G = lr · E · o(1 − o), its gradient;
//                        Δb = G, what the step added to its bias.
// Line thickness shows |w|; blue weights are positive, red negative.
//
// Keys: space = one step · e = switch between the lecture's rule and the exact gradient
//       f = fast-forward 1,000 steps · r = start again with new weights

import toynn.*;

NeuralNetwork nn;

double[][] inputs  = { {0, 0}, {0, 1}, {1, 0}, {1, 1} };
double[][] targets = { {0},    {1},    {1},    {0}    };
int steps = 0;

// The sketch is also called TrainingStep, so the library's record is written with its package.
toynn.TrainingStep last;

float[] columnX = {130, 450, 770};   // inputs, hidden layer, output
color positive = color(40, 90, 220);
color negative = color(220, 60, 40);

void setup() {
  size(900, 560);
  // A fixed seed: the first steps are the same every time, so they can be checked by hand.
  nn = NeuralNetwork.seeded(1, 2, 2, 1);
}

void draw() {
  background(250);
  int[] sizes = nn.layerSizes();   // {2, 2, 1}

  // Weights first, so the nodes sit on top of their lines.
  for (int l = 0; l < sizes.length - 1; l++) {
    float[] w = nn.layers().get(l).weights();   // now, after the last step: (out, in), row by row
    for (int j = 0; j < sizes[l + 1]; j++) {
      for (int i = 0; i < sizes[l]; i++) {
        float wji = w[j * sizes[l] + i];
        stroke(wji > 0 ? positive : negative);
        strokeWeight(1 + 2 * min(abs(wji), 4));
        line(columnX[l], nodeY(i, sizes[l]), columnX[l + 1], nodeY(j, sizes[l + 1]));
      }
    }
  }
  for (int l = 0; l < sizes.length - 1; l++) {
    float t = l == 0 ? 0.7 : 0.6;   // where along the line its label sits
    for (int j = 0; j < sizes[l + 1]; j++) {
      for (int i = 0; i < sizes[l]; i++) {
        float x = lerp(columnX[l], columnX[l + 1], t);
        float y = lerp(nodeY(i, sizes[l]), nodeY(j, sizes[l + 1]), t);
        if (last == null) {
          label(x, y, "w " + fmt(nn.layers().get(l).weights()[j * sizes[l] + i]));
        } else {
          toynn.TrainingStep.Layer layer = last.layers().get(l);
          label(x, y, "w  " + fmt(layer.weights().get(j, i)) + "\nΔw " + fmt(layer.weightDelta().get(j, i)));
        }
      }
    }
  }

  // Nodes: the inputs, then each layer's outputs with their error, gradient and bias change.
  for (int l = 0; l < sizes.length; l++) {
    for (int i = 0; i < sizes[l]; i++) {
      float x = columnX[l];
      float y = nodeY(i, sizes[l]);
      stroke(0);
      strokeWeight(2);
      fill(255);
      ellipse(x, y, 64, 64);
      fill(0);
      textAlign(CENTER, CENTER);
      textSize(15);
      if (last == null) {
        text(l == 0 ? "x" + (i + 1) : "?", x, y);
      } else if (l == 0) {
        text("x" + (i + 1) + " = " + (int) last.input().get(i, 0), x, y);
      } else {
        toynn.TrainingStep.Layer layer = last.layers().get(l - 1);
        text(nf((float) layer.output().get(i, 0), 1, 3), x, y);
        label(x, y + 70, "E  " + fmt(layer.error().get(i, 0))
                       + "\nG  " + fmt(layer.gradient().get(i, 0))
                       + "\nΔb " + fmt(layer.biasDelta().get(i, 0)));
      }
    }
  }

  // What happened, in words.
  fill(0);
  textAlign(LEFT, TOP);
  textSize(16);
  String rule = nn.isExactGradient() ? "the exact gradient, E_h = W^T · (E · o(1 − o))"
                                     : "the lecture's, E_h = W^T · E";
  if (last == null) {
    text("Press space for one training step.   Rule: " + rule, 20, 16);
  } else {
    text("step " + steps + ":  x = (" + (int) last.input().get(0, 0) + ", " + (int) last.input().get(1, 0)
         + "),  target " + (int) last.target().get(0, 0)
         + ",  output " + nf((float) last.output().get(0, 0), 1, 3)
         + ",  loss ½(t − o)² = " + nf((float) last.loss(), 1, 4), 20, 16);
    text("learning rate " + nf((float) last.learningRate(), 1, 2) + ".   Rule: " + rule, 20, 40);
  }
  textSize(13);
  fill(90);
  text("space: one step    e: lecture rule / exact gradient    f: 1,000 steps at once    r: new weights",
       20, height - 28);
}

float nodeY(int i, int count) {
  float top = 190;
  float gap = 220;
  float middle = top + gap / 2;
  return count == 1 ? middle : top + i * gap;
}

// A few lines of text on a white card, centred on (x, y).
void label(float x, float y, String s) {
  textSize(13);
  String[] lines = split(s, '\n');
  float w = 0;
  for (String line : lines) {
    w = max(w, textWidth(line));
  }
  float h = lines.length * 16 + 6;
  noStroke();
  fill(255, 235);
  rect(x - w / 2 - 6, y - h / 2, w + 12, h, 4);
  fill(0);
  textAlign(LEFT, TOP);
  for (int k = 0; k < lines.length; k++) {
    text(lines[k], x - w / 2, y - h / 2 + 3 + k * 16);
  }
}

String fmt(double v) {
  return nfs((float) v, 1, 4);
}

void step() {
  int k = steps % inputs.length;   // the four cases in turn
  last = nn.trainStep(inputs[k], targets[k]);
  steps++;
}

void mousePressed() {
  step();
}

void keyPressed() {
  if (key == ' ') {
    step();
  } else if (key == 'e') {
    nn.setExactGradient(!nn.isExactGradient());
  } else if (key == 'f') {
    for (int n = 0; n < 1000; n++) {
      int k = (int) random(inputs.length);
      nn.train(inputs[k], targets[k]);
    }
    steps += 1000;
    step();
  } else if (key == 'r') {
    nn = new NeuralNetwork(2, 2, 1);
    last = null;
    steps = 0;
  }
}
