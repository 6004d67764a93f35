// DigitRecognizer: draw a digit with the mouse; a network trained on handwritten digits guesses it.
//
// The network learns from the 8×8 digits bundled with the library (1,797 of them, from the UCI
// handwritten digits), one pass over the training part per frame, and is tested on the fifth it
// never trains on. Your drawing is cropped to the ink, scaled to fill the square, and averaged
// into 8×8 cells, as the digits were made; the middle shows what the network sees, the bars its
// confidence in each digit.
//
// Mouse: draw (left button), clear (right button). Keys: c = clear, n = show a digit from the test set.

import toynn.*;
import toynn.data.*;
import toynn.train.*;

NeuralNetwork nn;
DataSet train, test;
int epoch = 0;
int epochs = 30;                 // passes over the training digits
float accuracy = 0;

PGraphics paper;                 // where you draw: white ink on black
int paperX = 20, paperY = 50, paperSize = 280;
float lastX, lastY;
double[] cells = new double[64]; // the drawing as the network sees it, 8×8 in [0, 1]
int shown = 0;                   // next test digit for the n key

void setup() {
  size(760, 380);
  DataSet digits = BundledData.load("digits");   // 64 inputs (8×8 cells in [0, 1]), classes "0" … "9"
  DataSet.Split split = digits.split(0.2, 1);     // the same 20% held back every run, stratified
  train = split.train();
  test = split.test();
  // 64 inputs → 64 ReLU → 10 softmax outputs, cross-entropy, Adam: the library's classifier.
  nn = NeuralNetwork.classifier(64, digits.classNames(), 64);
  paper = createGraphics(paperSize, paperSize);
  clearPaper();
}

void draw() {
  if (epoch < epochs) {
    nn.fit(train, FitOptions.create().initialEpoch(epoch).epochs(epoch + 1));   // one more pass
    epoch++;
    accuracy = (float) nn.evaluate(test).accuracy();
  }

  background(30);
  image(paper, paperX, paperY);
  noFill();
  stroke(90);
  rect(paperX, paperY, paperSize, paperSize);

  // What the network sees.
  readCells();
  int cell = 20;
  int seeX = 330, seeY = paperY;
  noStroke();
  for (int i = 0; i < 64; i++) {
    fill((float) cells[i] * 255);
    rect(seeX + (i % 8) * cell, seeY + (i / 8) * cell, cell, cell);
  }

  // What it thinks: a bar per digit, and the best guess.
  double[] confidence = nn.predict(cells);
  int best = 0;
  for (int d = 0; d < 10; d++) {
    if (confidence[d] > confidence[best]) {
      best = d;
    }
  }
  boolean blank = isBlank();
  int barX = 540, barW = 190;
  textSize(14);
  for (int d = 0; d < 10; d++) {
    float y = paperY + d * 28;
    fill(200);
    textAlign(RIGHT, CENTER);
    text(d, barX - 8, y + 10);
    fill(60);
    rect(barX, y, barW, 20);
    fill(!blank && d == best ? color(255, 200, 0) : color(120, 170, 230));
    rect(barX, y, (float) confidence[d] * barW, 20);
  }
  fill(255);
  textAlign(CENTER, TOP);
  textSize(40);
  text(blank ? "?" : nn.classify(cells).get(0).label(), seeX + 80, seeY + 180);

  textAlign(LEFT, TOP);
  textSize(14);
  fill(200);
  text("draw a digit", paperX, 20);
  text("what the network sees", seeX, 20);
  text("confidence", barX, 20);
  String status = epoch < epochs ? "training: pass " + epoch + " of " + epochs : "trained: " + epochs + " passes";
  text(status + " over " + train.size() + " digits   ·   test accuracy " + nf(accuracy * 100, 1, 1)
       + "% on " + test.size() + " others   ·   c: clear   n: a test digit", paperX, height - 28);
}

// Crop the ink, scale it to fill the square, average into 8×8 cells.
void readCells() {
  paper.loadPixels();
  int x0 = paperSize, y0 = paperSize, x1 = -1, y1 = -1;
  for (int y = 0; y < paperSize; y++) {
    for (int x = 0; x < paperSize; x++) {
      if ((paper.pixels[y * paperSize + x] & 0xff) > 0) {
        x0 = min(x0, x);
        y0 = min(y0, y);
        x1 = max(x1, x);
        y1 = max(y1, y);
      }
    }
  }
  java.util.Arrays.fill(cells, 0);
  if (x1 < 0) {
    return;
  }
  float side = max(x1 - x0, y1 - y0) + 1;
  float left = (x0 + x1) / 2.0 - side / 2;
  float top = (y0 + y1) / 2.0 - side / 2;
  for (int cy = 0; cy < 8; cy++) {
    for (int cx = 0; cx < 8; cx++) {
      int fromX = floor(left + cx * side / 8), toX = max(fromX + 1, floor(left + (cx + 1) * side / 8));
      int fromY = floor(top + cy * side / 8), toY = max(fromY + 1, floor(top + (cy + 1) * side / 8));
      float ink = 0;
      for (int y = fromY; y < toY; y++) {
        for (int x = fromX; x < toX; x++) {
          if (x >= 0 && y >= 0 && x < paperSize && y < paperSize) {
            ink += (paper.pixels[y * paperSize + x] & 0xff) / 255.0;
          }
        }
      }
      cells[cy * 8 + cx] = ink / ((toX - fromX) * (toY - fromY));
    }
  }
}

boolean isBlank() {
  for (double c : cells) {
    if (c > 0) {
      return false;
    }
  }
  return true;
}

void clearPaper() {
  paper.beginDraw();
  paper.background(0);
  paper.endDraw();
}

// Paints test digit i onto the paper, one square per cell.
void showTestDigit(int i) {
  float[] x = test.inputs();    // (size, 64), row by row
  int cell = 30;
  int margin = (paperSize - 8 * cell) / 2;
  paper.beginDraw();
  paper.background(0);
  paper.noStroke();
  for (int k = 0; k < 64; k++) {
    paper.fill(x[i * 64 + k] * 255);
    paper.rect(margin + (k % 8) * cell, margin + (k / 8) * cell, cell, cell);
  }
  paper.endDraw();
}

boolean onPaper() {
  return mouseX >= paperX && mouseX < paperX + paperSize && mouseY >= paperY && mouseY < paperY + paperSize;
}

void mousePressed() {
  if (mouseButton == RIGHT) {
    clearPaper();
  }
  lastX = mouseX - paperX;
  lastY = mouseY - paperY;
}

void mouseDragged() {
  if (mouseButton == LEFT && onPaper()) {
    paper.beginDraw();
    paper.stroke(255);
    paper.strokeWeight(24);
    paper.line(lastX, lastY, mouseX - paperX, mouseY - paperY);
    paper.endDraw();
  }
  lastX = mouseX - paperX;
  lastY = mouseY - paperY;
}

void keyPressed() {
  if (key == 'c') {
    clearPaper();
  } else if (key == 'n') {
    showTestDigit(shown);
    shown = (shown + 1) % test.size();
  }
}
