package toynn.cli.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportersTest {
    @Test
    void jsonLinesPrintOneParseableObjectPerEpoch() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonLines j = new JsonLines(new PrintStream(bytes, true, StandardCharsets.UTF_8))) {
            j.batch(1, 2, 1, 10, 0.9, 0.5, 100);
            j.epoch(new EpochSummary(1, 2, 0.5, 0.8, Double.NaN, Double.NaN, 1234.5, 0.25));
            j.epoch(new EpochSummary(2, 2, 0.25, 0.9, 0.3, 0.85, 2000, 0.5));
        }
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(2, lines.size(), "one line per epoch, none per batch: " + lines);
        JsonObject first = JsonParser.parseString(lines.get(0)).getAsJsonObject();
        assertEquals("epoch", first.get("event").getAsString());
        assertEquals(1, first.get("epoch").getAsInt());
        assertEquals(0.8, first.get("accuracy").getAsDouble());
        assertFalse(first.has("val_loss"), "NaN values are left out, not written as invalid JSON");
        JsonObject second = JsonParser.parseString(lines.get(1)).getAsJsonObject();
        assertEquals(0.85, second.get("val_accuracy").getAsDouble());
        assertEquals(2000, second.get("samples_per_second").getAsDouble());
    }

    @Test
    void progressBarEndsEachEpochWithASummaryLine() {
        for (boolean animated : new boolean[] {true, false}) {
            String text = drawTwoEpochs(animated);
            assertTrue(text.contains("Epoch 1/2  loss 0.5000 acc 90.0%  val loss 0.6000 acc 80.0%"), text);
            assertTrue(text.contains("Epoch 2/2  loss 0.2500"), text);
            assertEquals(animated, text.contains("\r"), "only an animated bar redraws its line: " + text);
        }
    }

    private static String drawTwoEpochs(boolean animated) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (EpochProgressBar bar = new EpochProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), animated)) {
            for (int e = 1; e <= 2; e++) {
                for (int b = 1; b <= 5; b++) {
                    bar.batch(e, 2, b, 5, 1.0 / b, 0.1 * b, 500);
                }
                bar.epoch(new EpochSummary(e, 2, 0.5 / e, 0.9, 0.6 / e, 0.8, 500, 0.1));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void metricsLeaveOutAccuracyForRegression() {
        assertEquals("loss 0.1235", EpochProgressBar.metrics(0.12345, Double.NaN));
        assertEquals("loss 0.1000 acc 50.0%", EpochProgressBar.metrics(0.1, 0.5));
    }
}
