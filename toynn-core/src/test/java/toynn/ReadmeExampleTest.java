package toynn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snippet of README.md's "The core library" section, line for line (keep the two in step). */
class ReadmeExampleTest {
    @TempDir
    Path dir;

    @Test
    void readmeSnippetRuns() throws Exception {
        Path xorModel = Path.of(getClass().getResource("/fixtures/toy-nn-js/xor-2-4-1.model.json").toURI());

        NeuralNetwork nn = new NeuralNetwork(2, 4, 1);             // inputs, hidden, outputs: sigmoid, lr 0.1
        NeuralNetwork deep = new NeuralNetwork(784, 128, 64, 10);   // any number of hidden layers
        double[] guess = nn.predict(new double[] {1, 0});
        nn.train(new double[] {1, 0}, new double[] {1});            // one step of the lecture's backprop
        nn.setLearningRate(0.05);
        nn.setActivationFunction(ActivationFunction.TANH);          // SIGMOID, TANH, RELU, LEAKY_RELU, ELU, LINEAR
        nn.setActivationFunction(ActivationFunction.of(             // custom: f, and f′ written from the output y
                x -> x / (1 + Math.abs(x)), y -> (1 - Math.abs(y)) * (1 - Math.abs(y))));
        NeuralNetwork child = nn.copy();                            // deep copy, incl. learning rate and activation
        Random random = new Random();
        child.mutate(w -> random.nextDouble() < 0.1 ? w + random.nextGaussian() * 0.5 : w);

        String json = Files.readString(xorModel);                   // written by Toy-NN-JS's serialize()
        NeuralNetwork twin = NeuralNetwork.fromToyNNJs(json, ActivationFunction.SIGMOID);
        String js = twin.toToyNNJs();                               // one hidden layer only; clear error otherwise
        twin.save(dir.resolve("model.json"));                       // a custom activation cannot be saved: clear error
        NeuralNetwork back = NeuralNetwork.load(dir.resolve("model.json"));
        TrainingStep step = twin.trainStep(new double[] {1, 0}, new double[] {1});

        assertEquals(1, guess.length);
        assertEquals(10, deep.outputSize());
        assertEquals(0.05, child.getLearningRate());
        assertEquals("custom", child.getActivationFunction().name());
        assertTrue(js.contains("\"weights_ih\""));
        assertArrayEquals(NeuralNetwork.fromToyNNJs(json, ActivationFunction.SIGMOID).predict(new double[] {1, 0}),
                back.predict(new double[] {1, 0}));
        assertEquals(1 - step.output().get(0, 0), step.outputLayer().error().get(0, 0), 1e-7);
    }
}
