package toynn.cli.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toynn.NeuralNetwork;
import toynn.cli.plots.EpochPoint;
import toynn.io.ModelFormatException;
import toynn.train.EarlyStoppingState;

class CheckpointTest {
    @TempDir
    Path dir;

    static TrainSettings settings() {
        return new TrainSettings("csv:houses.csv", "price", List.of(16, 8), "relu", "linear", "mse", "adam", 0.001, 10,
                32, -1234567890123456789L, 0.1, 3, "zscore", "regression", 0.2);
    }

    @Test
    void roundTripKeepsEverything() throws Exception {
        NeuralNetwork nn = NeuralNetwork.seeded(5, 4, 3, 2);
        List<EpochPoint> history = List.of(new EpochPoint(1, 0.5, 0.6, Double.NaN, Double.NaN),
                new EpochPoint(2, 0.25, Double.NaN, 0.75, Double.NaN));
        Path file = dir.resolve("checkpoint.json");
        Checkpoint.write(file, 2, settings(), history, nn);
        Checkpoint.Contents c = Checkpoint.read(file);
        assertEquals(2, c.epoch());
        assertEquals(settings(), c.settings());
        assertEquals(history, c.history());
        NeuralNetwork back = c.network(file.toString());
        assertEquals(nn.layers().size(), back.layers().size());
        for (int l = 0; l < nn.layers().size(); l++) {
            assertArrayEquals(nn.layers().get(l).weights(), back.layers().get(l).weights());
            assertArrayEquals(nn.layers().get(l).bias(), back.layers().get(l).bias());
            assertEquals(nn.layers().get(l).activation(), back.layers().get(l).activation());
        }
    }

    @Test
    void theEarlyStoppingStateRoundTripsBitForBit() throws Exception {
        NeuralNetwork nn = NeuralNetwork.seeded(5, 4, 3, 2);
        NeuralNetwork other = NeuralNetwork.seeded(6, 4, 3, 2);       // the "best" weights: another network's
        float[][] best = new float[4][];
        for (int l = 0; l < 2; l++) {
            best[2 * l] = other.layers().get(l).weights();
            best[2 * l + 1] = other.layers().get(l).bias();
        }
        double value = 0.1 + 0.2;                                       // not a short decimal
        EarlyStoppingState s = new EarlyStoppingState(value, 3, 2, best);
        Path file = dir.resolve("checkpoint.json");
        Checkpoint.write(file, 5, settings(), List.of(), nn, s);
        EarlyStoppingState back = Checkpoint.read(file).earlyStopping();
        assertEquals(s, back);
        assertEquals(Double.doubleToRawLongBits(value), Double.doubleToRawLongBits(back.bestValue()));

        EarlyStoppingState plain = new EarlyStoppingState(value, 5, 0, null);
        Checkpoint.write(file, 5, settings(), List.of(), nn, plain);
        assertEquals(plain, Checkpoint.read(file).earlyStopping());
        Checkpoint.write(file, 5, settings(), List.of(), nn);
        assertNull(Checkpoint.read(file).earlyStopping(), "no section, no state");
    }

    @Test
    void aModelFileIsNotACheckpoint() throws Exception {
        Path file = dir.resolve("model.json");
        NeuralNetwork.seeded(5, 4, 3, 2).save(file);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Checkpoint.read(file));
        assertTrue(e.getMessage().contains("not a training checkpoint"), e.getMessage());
    }

    @Test
    void damagedSettingsAreNamed() throws Exception {
        Path file = dir.resolve("checkpoint.json");
        Checkpoint.write(file, 1, settings(), List.of(), NeuralNetwork.seeded(5, 4, 3, 2));
        Files.writeString(file, Files.readString(file).replace("\"batch\":32", "\"batch\":-1"));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Checkpoint.read(file));
        assertTrue(e.getMessage().contains("settings.batch"), e.getMessage());
    }
}
