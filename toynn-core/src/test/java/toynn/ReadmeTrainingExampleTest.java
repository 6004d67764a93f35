package toynn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toynn.train.Adam;
import toynn.train.EpochEvent;
import toynn.train.Evaluation;
import toynn.train.FitOptions;
import toynn.train.History;
import toynn.train.LearningRateSchedule;
import toynn.train.TrainingListener;
import toynn.util.Rng;

/** The snippet of README.md's "Training (fit, optimizers, losses)" section, line for line (keep them in step). */
class ReadmeTrainingExampleTest {
    @TempDir
    Path dir;

    @Test
    void readmeTrainingSnippetRuns() throws Exception {
        DataSet train = digitsLike(300, 1);
        DataSet test = digitsLike(100, 2);

        NeuralNetwork nn = NeuralNetwork.builder()
                .inputs(784)
                .dense(128, ActivationFunction.RELU).dropout(0.2)     // dropout on the layer just added
                .dense(10, ActivationFunction.SOFTMAX)
                .loss(Loss.CROSS_ENTROPY)                             // fused with softmax: dZ = A − T
                .optimizer(Adam.of(1e-3))
                .weightDecay(1e-4)                                    // L2: loss + (λ/2)·ΣW²
                .seed(42)
                .build();

        History history = nn.fit(train, FitOptions.create()
                .epochs(10).batchSize(128)                            // shuffled each epoch from (seed, epoch)
                .validationSplit(0.1)                                 // or .validationData(valSet)
                .earlyStopping(3, 1e-4, true)                         // patience, minDelta, restoreBestWeights
                .schedule(LearningRateSchedule.cosine(10, 1e-5))
                .listener(new TrainingListener() {
                    public void onEpochEnd(EpochEvent e) { System.out.println(e); }   // e.stop() ends training
                }));

        Evaluation ev = nn.evaluate(test);      // loss, accuracy, confusionMatrix(), precision/recall/f1(c), mse/mae/r2
        nn.save(dir.resolve("model.json"));     // weights + loss, dropout, optimizer state, epochs, seed

        assertTrue(ev.accuracy() > 0.9, "accuracy " + ev.accuracy());
        assertEquals(nn.epochsTrained(), history.epochs().size());
        assertEquals(nn.epochsTrained(), NeuralNetwork.load(dir.resolve("model.json")).epochsTrained());
    }

    /** Ten noisy prototypes of 784 pixels, one per class: an easy stand-in for image data. */
    private static DataSet digitsLike(int n, long seed) {
        Rng protoRng = new Rng(7);
        float[][] proto = new float[10][784];
        for (float[] p : proto) {
            for (int i = 0; i < 784; i++) {
                p[i] = protoRng.nextDouble() < 0.2 ? 1f : 0f;
            }
        }
        Rng rng = new Rng(seed);
        float[] x = new float[n * 784];
        float[] t = new float[n * 10];
        for (int s = 0; s < n; s++) {
            int c = s % 10;
            for (int i = 0; i < 784; i++) {
                x[s * 784 + i] = (float) Math.min(1, Math.max(0, proto[c][i] + 0.3 * rng.nextGaussian()));
            }
            t[s * 10 + c] = 1f;
        }
        return DataSet.of(x, t, n, 784, 10, List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), List.of());
    }
}
