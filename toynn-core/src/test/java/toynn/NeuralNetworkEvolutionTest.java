package toynn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import toynn.layers.Dense;
import toynn.util.Rng;

/** mutate(rate, sigma), crossover and crossoverSinglePoint: the properties the genetic algorithm relies on. */
class NeuralNetworkEvolutionTest {

    /** The flattened parameter vector: layer by layer, weights then bias. */
    static float[] flat(NeuralNetwork nn) {
        float[] out = new float[nn.parameterCount()];
        int o = 0;
        for (Dense d : nn.layers()) {
            System.arraycopy(d.weights(), 0, out, o, d.weights().length);
            o += d.weights().length;
            System.arraycopy(d.bias(), 0, out, o, d.bias().length);
            o += d.bias().length;
        }
        return out;
    }

    private static NeuralNetwork big(long seed) {
        return NeuralNetwork.seeded(seed, 40, 100, 60);   // 10,160 parameters
    }

    @Test
    void rateZeroChangesNothing() {
        NeuralNetwork nn = big(1);
        float[] before = flat(nn);
        nn.mutate(0.0, 5.0, new Rng(3));
        assertArrayEquals(before, flat(nn));
        nn.mutate(0.0, 5.0);
        assertArrayEquals(before, flat(nn));
    }

    @Test
    void sigmaZeroChangesNothing() {
        NeuralNetwork nn = big(1);
        float[] before = flat(nn);
        nn.mutate(1.0, 0.0, new Rng(3));
        assertArrayEquals(before, flat(nn));
    }

    /** Std and mean of the changes over many parameters: std ≈ sigma (5 %), so an ignored sigma fails. */
    @Test
    void sigmaScalesTheChange() {
        for (double sigma : new double[] {0.01, 0.1, 1.0}) {
            NeuralNetwork nn = big(2);
            float[] before = flat(nn);
            nn.mutate(1.0, sigma, new Rng(11));
            float[] after = flat(nn);
            double sum = 0;
            double sq = 0;
            for (int i = 0; i < before.length; i++) {
                double d = (double) after[i] - before[i];
                sum += d;
                sq += d * d;
            }
            int n = before.length;
            double mean = sum / n;
            double std = Math.sqrt(sq / n - mean * mean);
            // std of a sample std of n = 10,160 normals is sigma/√(2n) ≈ 0.7 % of sigma: 5 % is 7 standard errors
            assertEquals(sigma, std, 0.05 * sigma, "std of the changes for sigma " + sigma);
            // the mean of n draws has standard error sigma/√n ≈ 0.01·sigma
            assertEquals(0.0, mean, 0.05 * sigma, "mean of the changes for sigma " + sigma);
        }
    }

    @Test
    void rateIsTheFractionOfChangedParameters() {
        NeuralNetwork nn = big(3);
        float[] before = flat(nn);
        nn.mutate(0.3, 0.5, new Rng(5));
        float[] after = flat(nn);
        int changed = 0;
        for (int i = 0; i < before.length; i++) {
            if (after[i] != before[i]) {
                changed++;
            }
        }
        double fraction = (double) changed / before.length;
        assertEquals(0.3, fraction, 0.02, "fraction changed (standard error 0.0045)");
    }

    @Test
    void seededNetworksMutateReproduciblyAndCopiesMutateApart() {
        NeuralNetwork a = NeuralNetwork.seeded(7, 3, 5, 2);
        NeuralNetwork b = NeuralNetwork.seeded(7, 3, 5, 2);
        a.mutate(0.5, 0.3);
        b.mutate(0.5, 0.3);
        assertArrayEquals(flat(a), flat(b), "same seed, same mutation");
        assertFalse(java.util.Arrays.equals(flat(a), flat(NeuralNetwork.seeded(7, 3, 5, 2))), "mutation changed something");

        NeuralNetwork parent = NeuralNetwork.seeded(9, 3, 5, 2);
        NeuralNetwork c1 = parent.copy();
        NeuralNetwork c2 = parent.copy();
        assertArrayEquals(flat(c1), flat(c2));
        c1.mutate(0.5, 0.3);
        c2.mutate(0.5, 0.3);
        assertFalse(java.util.Arrays.equals(flat(c1), flat(c2)), "two copies of one parent mutate differently");

        NeuralNetwork parentAgain = NeuralNetwork.seeded(9, 3, 5, 2);
        NeuralNetwork d1 = parentAgain.copy();
        d1.mutate(0.5, 0.3);
        assertArrayEquals(flat(c1), flat(d1), "and the same way each run");
    }

    @Test
    void sameRngStateGivesTheSameMutation() {
        NeuralNetwork a = NeuralNetwork.seeded(4, 3, 5, 2);
        NeuralNetwork b = a.copy();
        a.mutate(0.5, 0.3, new Rng(99));
        b.mutate(0.5, 0.3, new Rng(99));
        assertArrayEquals(flat(a), flat(b));
    }

    @Test
    void uniformCrossoverTakesEachWeightFromOneParent() {
        NeuralNetwork a = big(10);
        NeuralNetwork b = big(20);
        float[] fa = flat(a);
        float[] fb = flat(b);
        NeuralNetwork child = a.crossover(b, new Rng(1));
        float[] fc = flat(child);
        int fromA = 0;
        for (int i = 0; i < fc.length; i++) {
            assertTrue(fc[i] == fa[i] || fc[i] == fb[i], "parameter " + i + " comes from a parent");
            assertNotEquals(fa[i], fb[i], "the parents differ at " + i + " (else the test proves nothing)");
            if (fc[i] == fa[i]) {
                fromA++;
            }
        }
        assertEquals(0.5, (double) fromA / fc.length, 0.03, "about half from each parent");
        assertArrayEquals(fa, flat(a), "parent a unchanged");
        assertArrayEquals(fb, flat(b), "parent b unchanged");
        assertArrayEquals(fc, flat(a.crossover(b, new Rng(1))), "same rng state, same child");
        assertSame(a.getActivationFunction(), child.getActivationFunction());
    }

    @Test
    void uniformCrossoverWithoutRngIsReproducible() {
        NeuralNetwork c1 = NeuralNetwork.seeded(1, 2, 3, 1).crossover(NeuralNetwork.seeded(2, 2, 3, 1));
        NeuralNetwork c2 = NeuralNetwork.seeded(1, 2, 3, 1).crossover(NeuralNetwork.seeded(2, 2, 3, 1));
        assertArrayEquals(flat(c1), flat(c2));
    }

    @Test
    void singlePointCrossoverIsAPrefixOfOneParentAndASuffixOfTheOther() {
        NeuralNetwork a = NeuralNetwork.seeded(1, 3, 4, 2);
        NeuralNetwork b = NeuralNetwork.seeded(2, 3, 4, 2);
        float[] fa = flat(a);
        float[] fb = flat(b);
        int p = fa.length;
        Set<Integer> cuts = new HashSet<>();
        Rng rng = new Rng(8);
        for (int trial = 0; trial < 300; trial++) {
            float[] fc = flat(a.crossoverSinglePoint(b, rng));
            int cut = 0;
            while (cut < p && fc[cut] == fa[cut]) {
                cut++;
            }
            for (int i = cut; i < p; i++) {
                assertEquals(fb[i], fc[i], "after the cut at " + cut + " every parameter comes from b");
            }
            assertTrue(cut >= 1 && cut <= p - 1, "both parents contribute (cut " + cut + " of " + p + ")");
            cuts.add(cut);
        }
        // 300 uniform draws from 1…P−1 (P = 26) leave hardly any value out
        assertTrue(cuts.size() >= p - 3, "cuts spread over the vector: " + cuts);
        assertArrayEquals(fa, flat(a));
        assertArrayEquals(fb, flat(b));
    }

    @Test
    void shapeMismatchNamesBothShapes() {
        NeuralNetwork a = NeuralNetwork.seeded(1, 2, 4, 1);
        NeuralNetwork b = NeuralNetwork.seeded(1, 2, 3, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.crossover(b));
        assertTrue(e.getMessage().contains("2-4-1") && e.getMessage().contains("2-3-1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> a.crossoverSinglePoint(b, new Rng(1)));
        assertTrue(e.getMessage().contains("2-4-1") && e.getMessage().contains("2-3-1"), e.getMessage());
        NeuralNetwork tanh = NeuralNetwork.seeded(1, 2, 4, 1);
        tanh.setActivationFunction(ActivationFunction.TANH);
        e = assertThrows(IllegalArgumentException.class, () -> a.crossover(tanh));
        assertTrue(e.getMessage().contains("tanh") && e.getMessage().contains("sigmoid"), e.getMessage());
    }

    @Test
    void badMutationSettingsAreRefused() {
        NeuralNetwork nn = NeuralNetwork.seeded(1, 2, 2, 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> nn.mutate(1.5, 0.1)).getMessage().contains("rate"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> nn.mutate(Double.NaN, 0.1)).getMessage().contains("rate"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> nn.mutate(0.1, -1)).getMessage().contains("sigma"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> nn.mutate(0.1, Double.POSITIVE_INFINITY))
                .getMessage().contains("sigma"));
    }

    /** A finite but huge sigma would make weights infinite: refused, with network and generator untouched. */
    @Test
    void mutationThatWouldOverflowChangesNothing() {
        NeuralNetwork nn = big(4);
        float[] before = flat(nn);
        Rng rng = new Rng(9);
        long state = rng.state();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> nn.mutate(0.5, 1e300, rng));
        assertTrue(e.getMessage().contains("sigma") && e.getMessage().contains("float32"), e.getMessage());
        assertArrayEquals(before, flat(nn));
        assertEquals(state, rng.state());
        // large, yet representable: allowed, and the same draws as ever (same state gives the same mutation)
        NeuralNetwork a = big(4);
        NeuralNetwork b = big(4);
        a.mutate(0.5, 1e36, new Rng(9));
        b.mutate(0.5, 1e36, new Rng(9));
        assertArrayEquals(flat(a), flat(b));
        for (float w : flat(a)) {
            assertTrue(Float.isFinite(w));
        }
    }

    /** The lecture's mutate(fn) is all or nothing: a function that fails half-way leaves every weight as it was. */
    @Test
    void failingMutationFunctionChangesNothing() {
        NeuralNetwork nn = big(5);
        float[] before = flat(nn);
        int[] calls = {0};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> nn.mutate(w -> ++calls[0] > 5000 ? Double.NaN : w + 1));
        assertTrue(e.getMessage().contains("no weight was changed"), e.getMessage());
        assertTrue(calls[0] > 5000, "the failure came half-way through");
        assertArrayEquals(before, flat(nn));
        assertThrows(IllegalArgumentException.class, () -> nn.mutate(w -> 1e39));   // finite double, not a float
        assertArrayEquals(before, flat(nn));
    }
}
