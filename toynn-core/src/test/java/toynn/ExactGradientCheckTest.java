package toynn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import toynn.util.Rng;

/**
 * With {@link NeuralNetwork#setExactGradient(boolean)} on, one {@code trainStep} must change every
 * weight and bias by {@code −lr·∂L/∂θ} with {@code L = ½Σ(t−o)²}. The derivative comes from central
 * differences of an independent double-precision forward pass ({@link ReferenceNetwork}).
 */
class ExactGradientCheckTest {
    private static final double EPS = 1e-6;          // finite-difference step, in double
    private static final double LR = 0.5;
    // Kinked activations (relu, leaky relu, elu's second derivative) are only checked at points
    // whose pre-activations are this far from the kink, far beyond the ε-perturbation.
    private static final double KINK_MARGIN = 1e-2;

    static List<Arguments> networks() {
        List<Arguments> cases = new java.util.ArrayList<>();
        for (String act : List.of("sigmoid", "tanh", "relu", "leaky_relu", "elu", "linear")) {
            cases.add(Arguments.of(act, new int[] {2, 3, 2}));
            cases.add(Arguments.of(act, new int[] {3, 5, 4, 2}));
        }
        return cases;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("networks")
    void exactSwitchFollowsTheGradientOfTheSquaredError(String activation, int[] sizes) {
        ActivationFunction f = ActivationFunction.byName(activation);
        int checkedSamples = 0;
        for (long seed = 1; checkedSamples < 3; seed++) {
            assertTrue(seed < 200, "found no sample away from the kinks");
            NeuralNetwork nn = NeuralNetwork.seeded(seed, sizes);
            nn.setActivationFunction(f);
            nn.setLearningRate(LR);
            nn.setExactGradient(true);
            Rng rng = new Rng(seed * 31);
            double[] x = randomFloats(rng, sizes[0], -1, 1);
            double[] t = randomFloats(rng, sizes[sizes.length - 1], 0, 1);
            if (nearKink(activation, ReferenceNetwork.of(nn), x)) {
                continue;
            }
            checkStepAgainstFiniteDifferences(nn, x, t);
            checkedSamples++;
        }
    }

    @Test
    void softmaxOutputWithTheExactRuleFollowsTheGradient() {
        for (long seed = 1; seed <= 3; seed++) {
            NeuralNetwork nn = NeuralNetwork.seeded(seed, 3, 5, 4, 3);
            nn.setActivationFunction(ActivationFunction.TANH);
            nn.setActivationFunction(2, ActivationFunction.SOFTMAX);
            nn.setLearningRate(LR);
            nn.setExactGradient(true);
            Rng rng = new Rng(seed);
            double[] x = randomFloats(rng, 3, -1, 1);
            double[] t = {0, 1, 0};
            checkStepAgainstFiniteDifferences(nn, x, t);
        }
    }

    /** The check can fail: the lecture's rule is not the gradient once a hidden layer has f′ ≠ 1. */
    @Test
    void lectureRuleIsNotTheGradientOfDeepLayers() {
        NeuralNetwork nn = NeuralNetwork.seeded(7, 3, 5, 4, 2);
        nn.setLearningRate(LR);
        double[] x = {0.5, -0.25, 0.75};
        double[] t = {1, 0};
        ReferenceNetwork ref = ReferenceNetwork.of(nn);
        TrainingStep step = nn.trainStep(x, t);
        assertEquals(UpdateRule.LECTURE, step.rule());
        // The output layer's deltas are the gradient under both rules ...
        assertDeltasMatch(ref, step, 2, x, t);
        // ... the hidden ones are not.
        double worst = 0;
        for (int l = 0; l < 2; l++) {
            double[] w = ref.weights[l];
            int in = ref.sizes[l];
            for (int k = 0; k < w.length; k++) {
                double expected = -LR * ref.centralDifference(w, k, x, t, EPS);
                worst = Math.max(worst, Math.abs(step.layers().get(l).weightDelta().get(k / in, k % in) - expected));
            }
        }
        assertTrue(worst > 1e-3, "the lecture's hidden deltas unexpectedly equal the gradient (worst gap " + worst + ")");
    }

    static void checkStepAgainstFiniteDifferences(NeuralNetwork nn, double[] x, double[] t) {
        ReferenceNetwork ref = ReferenceNetwork.of(nn);
        float[][] before = weightsOf(nn);
        TrainingStep step = nn.trainStep(x, t);
        assertEquals(UpdateRule.EXACT_GRADIENT, step.rule());
        assertEquals(ref.loss(x, t), step.loss(), 1e-6, "loss");
        for (int l = 0; l < ref.weights.length; l++) {
            assertDeltasMatch(ref, step, l, x, t);
            // The reported deltas are the ones applied.
            float[] after = nn.layers().get(l).weights();
            int in = ref.sizes[l];
            for (int k = 0; k < after.length; k++) {
                double applied = (double) after[k] - before[l][k];
                assertEquals(step.layers().get(l).weightDelta().get(k / in, k % in), applied, 1e-6,
                        "applied delta of W[" + l + "][" + k + "]");
            }
        }
    }

    /** Layer l's ΔW and Δb from the step equal −lr·∂L/∂θ by central differences. */
    static void assertDeltasMatch(ReferenceNetwork ref, TrainingStep step, int l, double[] x, double[] t) {
        TrainingStep.Layer layer = step.layers().get(l);
        double[] w = ref.weights[l];
        int in = ref.sizes[l];
        for (int k = 0; k < w.length; k++) {
            double expected = -LR * ref.centralDifference(w, k, x, t, EPS);
            assertClose(expected, layer.weightDelta().get(k / in, k % in), "ΔW[" + l + "](" + k / in + "," + k % in + ")");
        }
        double[] b = ref.biases[l];
        for (int k = 0; k < b.length; k++) {
            double expected = -LR * ref.centralDifference(b, k, x, t, EPS);
            assertClose(expected, layer.biasDelta().get(k, 0), "Δb[" + l + "](" + k + ")");
        }
    }

    /** float32 arithmetic in the network, double in the reference: a relative bound with a small floor. */
    static void assertClose(double expected, double actual, String what) {
        double tol = 2e-6 + 1e-4 * Math.abs(expected);
        if (!(Math.abs(expected - actual) <= tol)) {
            fail(what + ": expected " + expected + " (finite differences) but the step gave " + actual);
        }
    }

    static boolean nearKink(String activation, ReferenceNetwork ref, double[] x) {
        if (!List.of("relu", "leaky_relu", "elu").contains(activation)) {
            return false;
        }
        for (double[] z : ref.preActivations(x)) {
            boolean anyActive = false;
            for (double v : z) {
                if (Math.abs(v) < KINK_MARGIN) {
                    return true;
                }
                anyActive |= v > 0;
            }
            if (!anyActive) {
                return true;          // a dead layer would make the check trivially pass
            }
        }
        return false;
    }

    /** Random values that are exactly representable in float32, so both passes see the same input. */
    static double[] randomFloats(Rng rng, int n, double lo, double hi) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rng.uniform(lo, hi);
        }
        return v;
    }

    static float[][] weightsOf(NeuralNetwork nn) {
        float[][] w = new float[nn.layers().size()][];
        for (int l = 0; l < w.length; l++) {
            w[l] = nn.layers().get(l).weights().clone();
        }
        return w;
    }
}
