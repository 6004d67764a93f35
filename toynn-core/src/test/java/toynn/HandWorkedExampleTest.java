package toynn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import toynn.layers.Dense;

/**
 * One step of a 2-2-1 sigmoid network with weights fixed by hand, worked out here with the
 * lecture's formulas in double precision, line by line, and compared number by number with what
 * {@link NeuralNetwork#trainStep} reports and with the weights it leaves behind.
 */
class HandWorkedExampleTest {
    private static final double TOL = 1e-6;

    // The hand-picked network (stored as float32 in the network; the test reads them back as doubles).
    private static final float[] W_IH = {0.15f, -0.25f,      // (hidden 2, input 2)
                                         0.40f, 0.35f};
    private static final float[] B_H = {0.10f, -0.20f};
    private static final float[] W_HO = {0.45f, -0.55f};   // (output 1, hidden 2)
    private static final float[] B_O = {0.05f};
    private static final double[] X = {1.0, 0.5};
    private static final double[] T = {1.0};
    private static final double LR = 0.3;

    private NeuralNetwork nn;

    @BeforeEach
    void handPickedNetwork() {
        nn = NeuralNetwork.seeded(1, 2, 2, 1);
        Dense ih = nn.layers().get(0);
        Dense ho = nn.layers().get(1);
        System.arraycopy(W_IH, 0, ih.weights(), 0, 4);
        System.arraycopy(B_H, 0, ih.bias(), 0, 2);
        System.arraycopy(W_HO, 0, ho.weights(), 0, 2);
        System.arraycopy(B_O, 0, ho.bias(), 0, 1);
        nn.setLearningRate(LR);
    }

    @Test
    void lectureRuleNumberByNumber() {
        checkStep(false);
    }

    @Test
    void exactRuleNumberByNumber() {
        checkStep(true);
    }

    private void checkStep(boolean exact) {
        nn.setExactGradient(exact);
        // Forward: H = σ(W_ih·X + b_h), O = σ(W_ho·H + b_o).
        double[][] wih = {{W_IH[0], W_IH[1]}, {W_IH[2], W_IH[3]}};
        double[] who = {W_HO[0], W_HO[1]};
        double[] h = new double[2];
        for (int i = 0; i < 2; i++) {
            h[i] = sigmoid(wih[i][0] * X[0] + wih[i][1] * X[1] + B_H[i]);
        }
        double o = sigmoid(who[0] * h[0] + who[1] * h[1] + B_O[0]);
        // Output layer: E = t − O; G = lr·E⊙O(1−O); ΔW_ho = G·Hᵀ; Δb_o = G.
        double e = T[0] - o;
        double g = LR * e * o * (1 - o);
        double[] dWho = {g * h[0], g * h[1]};
        // Hidden error with W_ho BEFORE its update: lecture E_h = W_hoᵀ·E; exact E_h = W_hoᵀ·(E⊙O(1−O)).
        double passed = exact ? e * o * (1 - o) : e;
        double[] eh = {who[0] * passed, who[1] * passed};
        // Hidden layer: G_h = lr·E_h⊙H(1−H); ΔW_ih = G_h·Xᵀ; Δb_h = G_h.
        double[] gh = new double[2];
        double[][] dWih = new double[2][2];
        for (int i = 0; i < 2; i++) {
            gh[i] = LR * eh[i] * h[i] * (1 - h[i]);
            for (int j = 0; j < 2; j++) {
                dWih[i][j] = gh[i] * X[j];
            }
        }

        TrainingStep step = nn.trainStep(X, T);

        assertEquals(exact ? UpdateRule.EXACT_GRADIENT : UpdateRule.LECTURE, step.rule());
        assertEquals(LR, step.learningRate());
        assertEquals(o, step.output().get(0, 0), TOL, "O");
        assertEquals(0.5 * e * e, step.loss(), TOL, "loss");
        TrainingStep.Layer out = step.outputLayer();
        TrainingStep.Layer hid = step.layers().get(0);
        assertEquals(out, step.layers().get(1));
        assertEquals(e, out.error().get(0, 0), TOL, "E");
        assertEquals(g, out.gradient().get(0, 0), TOL, "G");
        assertEquals(g, out.biasDelta().get(0, 0), TOL, "Δb_o");
        for (int j = 0; j < 2; j++) {
            assertEquals(h[j], out.input().get(j, 0), TOL, "H[" + j + "]");
            assertEquals(h[j], hid.output().get(j, 0), TOL, "H[" + j + "]");
            assertEquals(who[j], out.weights().get(0, j), 0, "W_ho before the update");
            assertEquals(dWho[j], out.weightDelta().get(0, j), TOL, "ΔW_ho[" + j + "]");
        }
        for (int i = 0; i < 2; i++) {
            assertEquals(eh[i], hid.error().get(i, 0), TOL, "E_h[" + i + "]");
            assertEquals(gh[i], hid.gradient().get(i, 0), TOL, "G_h[" + i + "]");
            assertEquals(gh[i], hid.biasDelta().get(i, 0), TOL, "Δb_h[" + i + "]");
            assertEquals(X[i], hid.input().get(i, 0), 0, "X[" + i + "]");
            for (int j = 0; j < 2; j++) {
                assertEquals(dWih[i][j], hid.weightDelta().get(i, j), TOL, "ΔW_ih[" + i + "][" + j + "]");
            }
        }

        // The updated weights: W + ΔW, b + Δb.
        Dense ih = nn.layers().get(0);
        Dense ho = nn.layers().get(1);
        for (int j = 0; j < 2; j++) {
            assertEquals(who[j] + dWho[j], ho.weights()[j], TOL, "new W_ho[" + j + "]");
        }
        assertEquals(B_O[0] + g, ho.bias()[0], TOL, "new b_o");
        for (int i = 0; i < 2; i++) {
            assertEquals(B_H[i] + gh[i], ih.bias()[i], TOL, "new b_h[" + i + "]");
            for (int j = 0; j < 2; j++) {
                assertEquals(wih[i][j] + dWih[i][j], ih.weights()[i * 2 + j], TOL, "new W_ih[" + i + "][" + j + "]");
            }
        }
    }

    /** The two rules differ exactly in the hidden error: by the factor O(1−O). */
    @Test
    void rulesDifferOnlyInTheHiddenError() {
        NeuralNetwork exact = nn.copy();
        exact.setExactGradient(true);
        TrainingStep lecture = nn.trainStep(X, T);
        TrainingStep precise = exact.trainStep(X, T);
        assertEquals(lecture.outputLayer().weightDelta(), precise.outputLayer().weightDelta());
        double o = lecture.output().get(0, 0);
        for (int i = 0; i < 2; i++) {
            double le = lecture.layers().get(0).error().get(i, 0);
            double pe = precise.layers().get(0).error().get(i, 0);
            assertTrue(Math.abs(le - pe) > 1e-3, "hidden errors should differ");
            assertEquals(le * o * (1 - o), pe, TOL, "exact E_h = lecture E_h · O(1−O) for one output");
        }
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
