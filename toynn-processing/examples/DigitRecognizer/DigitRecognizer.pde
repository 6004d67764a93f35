// DigitRecognizer: draw a digit with the mouse; a network trained on handwritten digits guesses it.
//
// The network learns from the 8×8 digits bundled with the library (1,797 of them, from the UCI
// handwritten digits), one pass over the training part per frame, and is tested on the fifth it
// never trains on. Your drawing is cropped to the ink, scaled to fill the square, and averaged
// into 8×8 cells, as the digits were made; the middle shows what the network sees, the bars its
// confidence in each digit.
//
// MNIST (28×28): put its four IDX files (train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz,
// t10k-…) into the sketch's data/mnist folder (or /usr/share/datasets/mnist) and the sketch learns
// from those instead — 10,000 of them. Set useFashionMnist = true to learn Fashion-MNIST's clothes
// (Debian: apt-get install dataset-fashion-mnist) and draw a shirt or a shoe.
//
// Mouse: draw (left button), clear (right button). Keys: c = clear, n = show a digit from the test set.

import toynn.*;
import toynn.data.*;
import toynn.train.*;

boolean useFashionMnist = false; // true: learn Fashion-MNIST's clothes, when installed
int limit = 10000;               // examples taken from MNIST-sized sets (per file)

NeuralNetwork nn;
DataSet train, test;
String source;                   // what it learns from, for the status line
int side = 8;                    // the images are side × side
int epoch = 0;
int epochs = 30;                 // passes over the training digits
float accuracy = 0;

PGraphics paper;                 // where you draw: white ink on black
int paperX = 20, paperY = 50, paperSize = 280;
float lastX, lastY;
double[] cells;                  // the drawing as the network sees it, side × side in [0, 1]
int shown = 0;                   // next test digit for the n key

void setup() {
  size(760, 380);
  loadData();
  side = (int) Math.round(Math.sqrt(train.inputSize()));
  cells = new double[side * side];
  // side² inputs → 64 ReLU → 10 softmax outputs, cross-entropy, Adam: the library's classifier.
  nn = NeuralNetwork.classifier(side * side, train.classNames(), 64);
  paper = createGraphics(paperSize, paperSize);
  clearPaper();
}

// MNIST or Fashion-MNIST when present (their own test sets), else the bundled 8×8 digits.
void loadData() {
  try {
    java.io.File mnist = new java.io.File(dataPath("mnist"));
    if (!hasIdx(mnist)) {
      mnist = new java.io.File("/usr/share/datasets/mnist");
    }
    if (useFashionMnist && FashionMnist.isInstalled()) {
      TrainTest data = FashionMnist.load(FashionMnist.DEFAULT_DIR, limit);
      train = data.train();
      test = data.test();
      source = "Fashion-MNIST";
      epochs = 10;
      return;
    }
    if (hasIdx(mnist)) {
      TrainTest data = DataSources.load("idx:" + mnist, DataOptions.create().limit(limit));
      train = data.train();
      test = data.test();
      source = "MNIST";
      epochs = 10;
      return;
    }
  } catch (java.io.IOException e) {
    println("could not read MNIST, using the bundled digits: " + e.getMessage());
  }
  DataSet digits = BundledData.load("digits");   // 64 inputs (8×8 cells in [0, 1]), classes "0" … "9"
  DataSet.Split split = digits.split(0.2, 1);     // the same 20% held back every run, stratified
  train = split.train();
  test = split.test();
  source = "bundled 8×8 digits";
}

boolean hasIdx(java.io.File dir) {
  return new java.io.File(dir, "train-images-idx3-ubyte.gz").exists()
      || new java.io.File(dir, "train-images-idx3-ubyte").exists();
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
  float cell = 160.0 / side;
  int seeX = 330, seeY = paperY;
  noStroke();
  for (int i = 0; i < side * side; i++) {
    fill((float) cells[i] * 255);
    rect(seeX + (i % side) * cell, seeY + (i / side) * cell, ceil(cell), ceil(cell));   // ceil: no gaps at 28×28
  }

  // What it thinks: a bar per digit, and the best guess.
  double[] confidence = nn.predict(cells);
  int classes = confidence.length;
  int best = 0;
  for (int d = 0; d < classes; d++) {
    if (confidence[d] > confidence[best]) {
      best = d;
    }
  }
  boolean blank = isBlank();
  int barX = 580, barW = 160;
  textSize(side == 8 ? 14 : 11);
  for (int d = 0; d < classes; d++) {
    float y = paperY + d * 28;
    fill(200);
    textAlign(RIGHT, CENTER);
    text(train.classNames().get(d), barX - 8, y + 10);
    fill(60);
    rect(barX, y, barW, 20);
    fill(!blank && d == best ? color(255, 200, 0) : color(120, 170, 230));
    rect(barX, y, (float) confidence[d] * barW, 20);
  }
  fill(255);
  textAlign(CENTER, TOP);
  String guess = blank ? "?" : nn.classify(cells).get(0).label();
  textSize(guess.length() > 2 ? 22 : 40);
  text(guess, seeX + 80, seeY + 180);

  textAlign(LEFT, TOP);
  textSize(14);
  fill(200);
  text(source.startsWith("Fashion") ? "draw a piece of clothing" : "draw a digit", paperX, 20);
  text("what the network sees", seeX, 20);
  text("confidence", barX, 20);
  String status = epoch < epochs ? "training: pass " + epoch + " of " + epochs : "trained: " + epochs + " passes";
  text(status + " over " + train.size() + " " + source + "   ·   test accuracy " + nf(accuracy * 100, 1, 1)
       + "% on " + test.size() + " others   ·   c: clear   n: a test image", paperX, height - 28);
}

// Crop the ink, scale it to fill the square (MNIST: a 20×20 box in the middle of 28×28, as its digits
// were made), average into side × side cells.
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
  float inkSide = max(x1 - x0, y1 - y0) + 1;
  if (side == 28 && !source.startsWith("Fashion")) {
    inkSide = inkSide * 28 / 20;               // MNIST digits sit in a 20×20 box with a 4-pixel margin
  }
  float left = (x0 + x1) / 2.0 - inkSide / 2;
  float top = (y0 + y1) / 2.0 - inkSide / 2;
  for (int cy = 0; cy < side; cy++) {
    for (int cx = 0; cx < side; cx++) {
      int fromX = floor(left + cx * inkSide / side), toX = max(fromX + 1, floor(left + (cx + 1) * inkSide / side));
      int fromY = floor(top + cy * inkSide / side), toY = max(fromY + 1, floor(top + (cy + 1) * inkSide / side));
      float ink = 0;
      for (int y = fromY; y < toY; y++) {
        for (int x = fromX; x < toX; x++) {
          if (x >= 0 && y >= 0 && x < paperSize && y < paperSize) {
            ink += (paper.pixels[y * paperSize + x] & 0xff) / 255.0;
          }
        }
      }
      cells[cy * side + cx] = ink / ((toX - fromX) * (toY - fromY));
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

// Paints test image i onto the paper, one square per cell.
void showTestDigit(int i) {
  float[] x = test.inputs();    // (size, side²), row by row
  int n = side * side;
  int cell = (paperSize - 40) / side;
  int margin = (paperSize - side * cell) / 2;
  paper.beginDraw();
  paper.background(0);
  paper.noStroke();
  for (int k = 0; k < n; k++) {
    paper.fill(x[i * n + k] * 255);
    paper.rect(margin + (k % side) * cell, margin + (k / side) * cell, cell, cell);
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
