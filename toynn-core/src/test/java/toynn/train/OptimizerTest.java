package toynn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Each optimizer's first three steps on one weight {@code w₀ = 1} with gradients 0.5, −1, 0.25, against
 * values worked out by hand from the papers' formulas (the arithmetic is in the comments), plus a
 * second weight with zero gradient.
 */
class OptimizerTest {
    private static final float[] GRADIENTS = {0.5f, -1f, 0.25f};

    /** Runs three steps; returns w after each. The second parameter (w = −2, g = 0) is checked by callers. */
    private static double[] run(Optimizer opt, float[] other) {
        float[] w = {1f};
        float[] g = new float[1];
        float[] zeroG = new float[other.length];
        double[] after = new double[GRADIENTS.length];
        for (int s = 0; s < GRADIENTS.length; s++) {
            g[0] = GRADIENTS[s];
            opt.step(new float[][] {w, other}, new float[][] {g, zeroG}, opt.learningRate());
            after[s] = w[0];
        }
        assertEquals(3, opt.steps());
        return after;
    }

    private static void assertSteps(double[] expected, double[] actual) {
        for (int s = 0; s < expected.length; s++) {
            assertEquals(expected[s], actual[s], 2e-6, "w after step " + (s + 1));
        }
    }

    @Test
    void sgd() {
        // w ← w − lr·g, lr 0.1:  1 − 0.05 = 0.95;  0.95 + 0.1 = 1.05;  1.05 − 0.025 = 1.025
        float[] other = {-2f};
        assertSteps(new double[] {0.95, 1.05, 1.025}, run(Sgd.of(0.1), other));
        assertEquals(-2f, other[0]);
    }

    @Test
    void momentum() {
        // v ← 0.9·v + g, w ← w − 0.1·v
        // v₁ = 0.5, w₁ = 0.95;  v₂ = 0.45 − 1 = −0.55, w₂ = 0.95 + 0.055 = 1.005;
        // v₃ = −0.495 + 0.25 = −0.245, w₃ = 1.005 + 0.0245 = 1.0295
        Momentum m = Momentum.of(0.1, 0.9);
        assertSteps(new double[] {0.95, 1.005, 1.0295}, run(m, new float[] {-2f}));
        assertEquals(-0.245, m.state("velocity", 0)[0], 1e-7);
    }

    @Test
    void nesterov() {
        // v ← 0.9·v + g, w ← w − 0.1·(g + 0.9·v)
        // v₁ = 0.5,   w₁ = 1 − 0.1·(0.5 + 0.45) = 0.905
        // v₂ = −0.55, w₂ = 0.905 − 0.1·(−1 − 0.495) = 1.0545
        // v₃ = −0.245, w₃ = 1.0545 − 0.1·(0.25 − 0.2205) = 1.05155
        assertSteps(new double[] {0.905, 1.0545, 1.05155}, run(Nesterov.of(0.1, 0.9), new float[] {-2f}));
    }

    @Test
    void adamWithBiasCorrection() {
        // lr 0.1, β₁ 0.9, β₂ 0.999, ε 1e-8
        // t=1: m = 0.05, v = 0.00025; m̂ = 0.05/0.1 = 0.5, v̂ = 0.00025/0.001 = 0.25;
        //      w = 1 − 0.1·0.5/(0.5 + 1e-8) = 0.900000002   (without bias correction it would move 0.316)
        // t=2: m = 0.045 − 0.1 = −0.055, v = 0.00024975 + 0.001 = 0.00124975;
        //      m̂ = −0.055/0.19 = −0.28947368, v̂ = 0.00124975/0.001999 = 0.62518759, √v̂ = 0.79068805;
        //      w = 0.9 + 0.1·0.28947368/0.79068805 = 0.93661035
        // t=3: m = −0.0495 + 0.025 = −0.0245, v = 0.00124850 + 0.0000625 = 0.00131100;
        //      m̂ = −0.0245/0.271 = −0.09040590, v̂ = 0.00131100/0.002997001 = 0.43743737, √v̂ = 0.66139048;
        //      w = 0.93661035 + 0.1·0.09040590/0.66139048 = 0.95027942
        Adam adam = Adam.of(0.1);
        float[] other = {-2f};
        assertSteps(new double[] {0.900000002, 0.93661035, 0.95027942}, run(adam, other));
        assertEquals(-0.0245, adam.state("m", 0)[0], 1e-8);
        assertEquals(0.00131100025, adam.state("v", 0)[0], 1e-10);
        assertEquals(-2f, other[0], "zero gradient: m̂ = 0, no move");
    }

    @Test
    void adamWDecaysTheWeightsDirectly() {
        // As Adam, plus −lr·λ·w with λ 0.01 (w before the step):
        // t=1: w = 1 − 0.1·(0.99999998 + 0.01·1) = 0.899000002
        // t=2: w = 0.899 − 0.1·(−0.36610357 + 0.00899) = 0.93471135
        // t=3: w = 0.93471135 − 0.1·(−0.13669015 + 0.0093471135) = 0.94744571
        float[] other = {-2f};
        assertSteps(new double[] {0.899000002, 0.93471135, 0.94744571}, run(AdamW.of(0.1, 0.01), other));
        // zero gradient: only the decay acts, w ← w·(1 − 0.001) three times
        assertEquals(-2 * Math.pow(0.999, 3), other[0], 1e-6);
    }

    @Test
    void rmsProp() {
        // lr 0.01, ρ 0.9: s ← 0.9·s + 0.1·g², w ← w − 0.01·g/(√s + 1e-8)
        // s₁ = 0.025,  w₁ = 1 − 0.005/0.15811388 = 0.96837723
        // s₂ = 0.0225 + 0.1 = 0.1225, √ = 0.35, w₂ = 0.96837723 + 0.01/0.35 = 0.99694865
        // s₃ = 0.11025 + 0.00625 = 0.1165, √ = 0.34132096, w₃ = 0.99694865 − 0.0025/0.34132096 = 0.98962417
        assertSteps(new double[] {0.96837723, 0.99694865, 0.98962417}, run(RmsProp.of(0.01), new float[] {-2f}));
    }

    @Test
    void byNameGivesEachOptimizerWithDefaults() {
        for (String name : Optimizer.NAMES) {
            Optimizer o = Optimizer.byName(name.toUpperCase(), 0.05);
            assertEquals(name, o.name());
            assertEquals(0.05, o.learningRate());
            Optimizer again = Optimizer.fromHyperParameters(o.name(), o.hyperParameters());
            assertEquals(o.hyperParameters(), again.hyperParameters());
        }
        assertEquals(0.9, ((Momentum) Optimizer.byName("momentum", 0.1)).momentum());
        assertEquals(0.01, ((AdamW) Optimizer.byName("adamw", 0.1)).decay());
    }

    @Test
    void badSettingsAreRefusedWithTheirName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Optimizer.byName("adagrad", 0.1));
        assertTrue(e.getMessage().contains("adagrad") && e.getMessage().contains("rmsprop"), e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Sgd.of(0)).getMessage().contains("learning rate"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Adam.of(Double.NaN)).getMessage()
                .contains("learning rate"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Momentum.of(0.1, 1.0)).getMessage()
                .contains("momentum"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AdamW.of(0.1, -1)).getMessage().contains("decay"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Optimizer.fromHyperParameters("sgd", java.util.Map.of("learningRate", 0.1, "beta1", 0.9)))
                .getMessage().contains("beta1"));
        assertEquals("hyper-parameters must not be null; give at least {learningRate=...}",
                assertThrows(NullPointerException.class, () -> Optimizer.fromHyperParameters("adam", null)).getMessage());
    }

    @Test
    void anOptimizerBelongsToOneSetOfParameters() {
        Adam adam = Adam.of(0.01);
        adam.attach(new int[] {6, 3});
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> adam.attach(new int[] {4, 2}));
        assertTrue(e.getMessage().contains("fresh()"), e.getMessage());
        Optimizer copy = adam.copy();
        copy.state("m", 0)[0] = 5f;
        assertEquals(0f, adam.state("m", 0)[0], "copy is deep");
        assertEquals(0, adam.fresh().parameterSizes().length, "fresh has no state");
    }

    @Test
    void badStepArgumentsAreNamedAndChangeNothing() {
        // attach(new int[] {-1}) was a NegativeArraySizeException; a null array a bare NullPointerException
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Adam.of(0.01).attach(new int[] {3, -1}));
        assertTrue(e.getMessage().contains("parameter array 1 has length -1"), e.getMessage());
        assertTrue(assertThrows(NullPointerException.class, () -> Adam.of(0.01).attach(null)).getMessage()
                .contains("parameter sizes must not be null"));
        Sgd sgd = Sgd.of(0.1);
        float[] w = {1f, 2f};
        float[][] params = {w};
        e = assertThrows(IllegalArgumentException.class, () -> sgd.step(params, new float[][] {null}, 0.1));
        assertTrue(e.getMessage().contains("gradient array 0 is null"), e.getMessage());
        assertTrue(assertThrows(NullPointerException.class, () -> sgd.step(null, params, 0.1)).getMessage()
                .contains("params must not be null"));
        // a NaN or infinite rate used to turn every weight into NaN without a word
        for (double lr : new double[] {Double.NaN, Double.POSITIVE_INFINITY, -0.1, 1e39}) {
            e = assertThrows(IllegalArgumentException.class, () -> sgd.step(params, new float[][] {{1f, 1f}}, lr));
            assertTrue(e.getMessage().contains("learning rate of a step"), e.getMessage());
        }
        assertArrayEquals(new float[] {1f, 2f}, w, "no refused step changed a weight");
        assertEquals(0, sgd.steps(), "no refused step was counted");
        sgd.step(params, new float[][] {{1f, 1f}}, 0);                 // a schedule may reach 0
        assertEquals(1, sgd.steps());
    }

    @Test
    void schedules() {
        assertEquals(0.1, new StepDecay(2, 0.5).rate(0.1, 1), 1e-15);
        assertEquals(0.05, new StepDecay(2, 0.5).rate(0.1, 2), 1e-15);
        assertEquals(0.025, new StepDecay(2, 0.5).rate(0.1, 5), 1e-15);
        assertEquals(0.1 * 0.9 * 0.9 * 0.9, new ExponentialDecay(0.9).rate(0.1, 3), 1e-15);
        LearningRateSchedule cos = LearningRateSchedule.cosine(4, 0.001);
        assertEquals(0.1, cos.rate(0.1, 0), 1e-15);
        assertEquals(0.001 + 0.5 * 0.099, cos.rate(0.1, 2), 1e-15);     // cos(π/2) = 0: half way
        assertEquals(0.001, cos.rate(0.1, 4), 1e-15);
        assertEquals(0.001, cos.rate(0.1, 9), 1e-15);                    // held after the period
        assertEquals(0.1, LearningRateSchedule.cosineWithRestarts(4, 0.001).rate(0.1, 8), 1e-15);  // restarted
        assertThrows(IllegalArgumentException.class, () -> new StepDecay(0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new ExponentialDecay(1.5));
    }
}
