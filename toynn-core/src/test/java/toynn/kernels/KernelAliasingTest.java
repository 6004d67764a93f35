package toynn.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * An output array passed again as an input of the same kernel call is refused with the names of both:
 * the kernels overwrite the output while still reading the inputs, so such a call used to return a wrong
 * result silently (e.g. {@code gemmABt(x, w, x, …)} gave all zeros: β = 0 clears C, which was A).
 */
class KernelAliasingTest {
    private static final float[] IDENTITY_2X2 = {1, 0, 0, 1};

    private static void assertRefused(String op, String out, String in, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(op + ": " + out + " and " + in + " are the same array"), e.getMessage());
    }

    @Test
    void productsRefuseAnOutputThatIsAnInput() {
        float[] x = {1, 2, 3, 4};
        float[] w = IDENTITY_2X2.clone();
        assertRefused("gemmABt", "C", "A", () -> Kernels.gemmABt(x, w, x, 2, 2, 2, 1f, 0f));
        assertRefused("gemmABt", "C", "B", () -> Kernels.gemmABt(w, x, x, 2, 2, 2, 1f, 0f));
        assertRefused("gemmAtB", "C", "A", () -> Kernels.gemmAtB(x, w, x, 2, 2, 2, 1f, 0f));
        assertRefused("gemmAB", "C", "B", () -> Kernels.gemmAB(w, x, x, 2, 2, 2, 1f, 1f));
        assertArrayEquals(new float[] {1, 2, 3, 4}, x, "a refused call changes nothing");
    }

    @Test
    void matrixVectorKernelsRefuseAnOutputThatIsAnInput() {
        float[] v = {1, 2};
        float[] w = {1, 2, 3, 4};
        assertRefused("matvec", "y", "x", () -> Kernels.matvec(IDENTITY_2X2, v, v, 2, 2, 1f, 0f));
        assertRefused("matvec", "y", "W", () -> Kernels.matvec(w, new float[] {1, 1, 1, 1}, w, 2, 2, 1f, 0f));
        assertRefused("matvecT", "y", "x", () -> Kernels.matvecT(IDENTITY_2X2, v, v, 2, 2, 1f, 0f));
        assertRefused("rank1Update", "W", "x", () -> Kernels.rank1Update(w, w, v, 2, 2, 1f));
        assertRefused("rank1Update", "W", "y", () -> Kernels.rank1Update(w, v, w, 2, 2, 1f));
        assertRefused("columnSums", "s", "Z", () -> Kernels.columnSums(w, w, 2, 2, 1f, 0f));
        assertRefused("addRowVector", "Z", "b", () -> Kernels.addRowVector(w, w, 2, 2));
        assertRefused("gatherRows", "dst", "src", () -> Kernels.gatherRows(w, new int[] {1, 0}, 0, 2, 2, w));
        assertRefused("startGatherRows", "dst", "src",
                () -> Kernels.startGatherRows(w, new int[] {1, 0}, 0, 2, 2, w));
        assertArrayEquals(new float[] {1, 2, 3, 4}, w, "a refused call changes nothing");
    }

    @Test
    void denseForwardRefusesOutputsThatAreInputsButTakesZAsA() {
        float[] x = {1, 2};
        float[] bias = {0.5f, -0.5f};
        assertRefused("denseForward", "A", "X", () -> Kernels.denseForward(x, IDENTITY_2X2, bias, null, x, 1, 2, 2,
                FusedActivation.IDENTITY));
        assertRefused("denseForward", "Z", "bias", () -> Kernels.denseForward(x, IDENTITY_2X2, bias, bias,
                new float[2], 1, 2, 2, FusedActivation.IDENTITY));
        float[] za = new float[2];
        Kernels.denseForward(x, IDENTITY_2X2, bias, za, za, 1, 2, 2, FusedActivation.IDENTITY);   // documented
        assertArrayEquals(new float[] {1.5f, 1.5f}, za);

        float[] w = IDENTITY_2X2.clone();
        float[] g = {1, 1};
        float[] u = {1, 1};
        assertRefused("denseForwardUpdating", "W", "u", () -> Kernels.denseForwardUpdating(x, w, bias, null,
                new float[2], 2, 2, FusedActivation.IDENTITY, 1f, g, w));
        assertRefused("denseForwardUpdating", "a", "x", () -> Kernels.denseForwardUpdating(x, w, bias, null, x, 2, 2,
                FusedActivation.IDENTITY, 1f, g, u));
        assertRefused("denseForwardUpdating", "z", "g", () -> Kernels.denseForwardUpdating(x, w, bias, g,
                new float[2], 2, 2, FusedActivation.IDENTITY, 1f, g, u));
        assertArrayEquals(IDENTITY_2X2, w, "a refused update leaves W as it was");
    }

    @Test
    void interleavedLayersRefuseAnOutputThatIsAnInput() {
        float[] a = new float[4];
        float[] b = new float[4];
        assertRefused("denseInterleaved", "y", "x", () -> Kernels.denseInterleaved(b, b, a, a, 1, 2, 2));
        assertRefused("denseInterleaved", "y", "b", () -> Kernels.denseInterleaved(a, b, a.clone(), b, 1, 2, 2));
    }

    @Test
    void elementwiseKernelsStillTakeTheSameArrayTwice() {
        float[] z = {0, 0};
        Kernels.sigmoid(z, z, 2);                                                 // documented: a may be z
        assertArrayEquals(new float[] {0.5f, 0.5f}, z);
        float[] y = {1, 2};
        Kernels.axpy(2f, y, y, 2);                                                // y += 2·y, element by element
        assertArrayEquals(new float[] {3, 6}, y);
    }

    @Test
    void negativeLengthsAreNamedAsNegativeSizes() {
        for (Executable call : new Executable[] {
            () -> Kernels.dot(new float[1], new float[1], -1),
            () -> Kernels.axpy(1f, new float[1], new float[1], -1),
            () -> Kernels.sigmoid(new float[1], new float[1], -1),
            () -> Kernels.denseInterleaved(new float[4], new float[4], new float[4], new float[4], -1, -1, 1),
            () -> Kernels.denseInterleaved(new float[4], new float[4], new float[4], new float[4], 1, 1, -1)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
            assertTrue(e.getMessage().contains("must not be negative"), e.getMessage());
        }
    }
}
