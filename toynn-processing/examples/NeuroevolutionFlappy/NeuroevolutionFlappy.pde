// NeuroevolutionFlappy: a flock of birds learns to fly through pipes, by evolution alone.
//
// Each bird has a 5-8-2 brain. It sees its height, its speed and the next pipe (top, bottom,
// distance), and flaps when output 0 beats output 1. Nobody teaches it. The whole generation flies
// live on screen; when a bird dies its score (frames it stayed up) is noted, and when all are down
// the library's Population breeds the next generation from those scores (fitness-proportionate
// selection, the best bird kept, mutation): population.nextGeneration(score). The library's Flappy
// game holds the physics and the pipes. Press + and - to play faster or slower.
// After the Coding Train's neuroevolution Flappy Bird.

import toynn.*;
import toynn.evolve.*;
import toynn.evolve.env.*;

int populationSize = 250;
int maxFrames = 5000;     // a game ends when every bird is down, or after this many frames
Population population;
Flappy game;              // the game on screen: one bird per brain of the current generation
double[] score;           // each bird's score, noted when it dies
boolean[] noted;
int speed = 1;            // game frames per drawn frame
int bestPipes = 0;        // the most pipes one bird has passed so far
int bestGeneration = 0;

float pipeWidth = (float) Flappy.PIPE_WIDTH;
float birdX = (float) Flappy.BIRD_X;
float world = (float) Flappy.HEIGHT;   // the game is 640 × 480; the strip below it shows the score

void setup() {
  size(640, 520);
  // 250 brains, seed 1 (change it for another run); mutation: each weight, with chance 0.1, += N(0, 0.5²).
  population = new Population(populationSize, 1, Flappy.BRAIN).mutation(0.1, 0.5);
  newGame();
}

// A new game for the current generation, on new pipes (drawn from the run's seed and the generation).
void newGame() {
  long pipes = Seeds.derive(population.seed(), Seeds.TRIAL, population.generation());
  game = new Flappy(pipes, population.networks());
  score = new double[populationSize];
  noted = new boolean[populationSize];
}

// One frame of the game: birds think and fly; the fallen are scored; when all are down, evolve.
void play() {
  game.step();
  for (int i = 0; i < populationSize; i++) {
    Flappy.Bird bird = game.birds().get(i);
    if (bird.pipesPassed() > bestPipes) {
      bestPipes = bird.pipesPassed();
      bestGeneration = population.generation();
    }
    if (!bird.alive() && !noted[i]) {
      score[i] = bird.frames();   // a dead bird's score: how long it flew
      noted[i] = true;
    }
  }
  if (game.alive() == 0 || game.frame() >= maxFrames) {
    for (int i = 0; i < populationSize; i++) {
      if (!noted[i]) {
        score[i] = game.birds().get(i).frames();   // still flying at the time limit
      }
    }
    population.nextGeneration(score);   // breed the next generation from the scores
    newGame();
  }
}

void draw() {
  for (int n = 0; n < speed; n++) {
    play();
  }

  background(120, 190, 230);
  noStroke();
  fill(60, 170, 70);
  for (Flappy.Pipe pipe : game.pipes()) {
    float x = (float) pipe.x();
    rect(x, 0, pipeWidth, (float) pipe.top());
    rect(x, (float) pipe.bottom(), pipeWidth, world - (float) pipe.bottom());
  }

  fill(255, 220, 0, 90);
  stroke(120, 80, 0, 120);
  int pipesNow = 0;
  for (Flappy.Bird bird : game.birds()) {
    if (bird.alive()) {
      ellipse(birdX, (float) bird.y(), 22, 22);
      pipesNow = max(pipesNow, bird.pipesPassed());
    }
  }

  noStroke();
  fill(30);
  rect(0, world, width, height - world);
  fill(255);
  textSize(14);
  textAlign(LEFT, CENTER);
  text("generation " + population.generation()
       + "   alive " + game.alive() + " of " + populationSize
       + "   pipes " + pipesNow
       + "   best " + bestPipes + " (generation " + bestGeneration + ")"
       + "   speed ×" + speed + " (+/−)", 12, world + (height - world) / 2);
}

void keyPressed() {
  if (key == '+' || key == '=') {
    speed = min(speed * 2, 64);
  } else if (key == '-') {
    speed = max(speed / 2, 1);
  }
}
