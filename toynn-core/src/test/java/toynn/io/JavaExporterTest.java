package toynn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toynn.ActivationFunction;
import toynn.NeuralNetwork;
import toynn.data.Normalizer;
import toynn.kernels.Kernels;
import toynn.util.Rng;

/**
 * Compiles the generated source with the JDK's compiler, loads it, and checks that it predicts bit
 * for bit what the network predicts.
 */
class JavaExporterTest {
    @TempDir
    Path tmp;

    /** Compiles {@code source} (file {@code fileName}) into tmp and loads class {@code className}. */
    private Class<?> compile(String fileName, String source, String className) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "this test needs a JDK (javax.tools compiler), not a JRE");
        Path src = tmp.resolve("src").resolve(fileName);
        Files.createDirectories(src.getParent());
        Files.writeString(src, source);
        Path classes = tmp.resolve("classes");
        Files.createDirectories(classes);
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int rc = javac.run(null, null, err, "-Xlint:all", "-Werror", "-d", classes.toString(), src.toString());
        assertEquals(0, rc, "generated source does not compile:\n" + err);
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null);
        return loader.loadClass(className);
    }

    /** Inputs that exercise every branch: random, zeros, signed zeros, large magnitudes (exp overflow). */
    static List<float[]> inputs(int size, int n, long seed) {
        Rng rng = new Rng(seed);
        List<float[]> xs = new ArrayList<>();
        xs.add(new float[size]);
        float[] negZero = new float[size];
        java.util.Arrays.fill(negZero, -0f);
        xs.add(negZero);
        for (float big : new float[] {1e4f, -1e4f, 88f, -104f}) {
            float[] x = new float[size];
            java.util.Arrays.fill(x, big);
            xs.add(x);
        }
        for (int s = 0; s < n; s++) {
            float[] x = new float[size];
            double scale = s % 3 == 0 ? 20 : 2;
            for (int i = 0; i < size; i++) {
                x[i] = (float) rng.uniform(-scale, scale);
            }
            xs.add(x);
        }
        return xs;
    }

    /**
     * The generated code sums as ToyNN's plain-Java kernels sum, so there it matches bit for bit; ToyNN's
     * Vector API kernels (this class runs in the build's Vector API pass too) sum in their own order and
     * agree to float rounding only.
     */
    private static final boolean PLAIN = !Kernels.path().equals("vector");

    private static boolean same(double want, double got, double relative) {
        return PLAIN ? Double.doubleToRawLongBits(want) == Double.doubleToRawLongBits(got)
                : Math.abs(want - got) <= relative * Math.max(1, Math.abs(want));
    }

    private static void assertBitIdentical(float[] want, float[] got, String what) {
        assertEquals(want.length, got.length, what);
        for (int i = 0; i < want.length; i++) {
            if (!same(want[i], got[i], 1e-5)) {
                throw new AssertionError(what + ": output " + i + " is " + got[i] + " (bits "
                        + Integer.toHexString(Float.floatToRawIntBits(got[i])) + "), ToyNN gives " + want[i] + " (bits "
                        + Integer.toHexString(Float.floatToRawIntBits(want[i])) + ")");
            }
        }
    }

    private void checkJava(NeuralNetwork nn, String name, int samples) throws Exception {
        String source = JavaExporter.javaSource(nn, name);
        Class<?> c = compile(name + ".java", source, name);
        Method pf = c.getMethod("predict", float[].class);
        Method pd = c.getMethod("predict", double[].class);
        for (float[] x : inputs(nn.inputSize(), samples, 17)) {
            assertBitIdentical(nn.predict(x), (float[]) pf.invoke(null, (Object) x), name);
            double[] xd = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                xd[i] = x[i] + 1e-9;                                  // rounded to float inside, as in ToyNN
            }
            double[] want = nn.predict(xd);
            double[] got = (double[]) pd.invoke(null, (Object) xd);
            for (int i = 0; i < want.length; i++) {
                assertTrue(same(want[i], got[i], 1e-5), name + " (double): " + got[i] + ", ToyNN gives " + want[i]);
            }
        }
        assertEquals(nn.inputSize(), c.getField("INPUTS").getInt(null));
        assertEquals(nn.outputSize(), c.getField("OUTPUTS").getInt(null));
    }

    @Test
    void smallNetworkWithEveryActivationPredictsBitIdentically() throws Exception {
        NeuralNetwork nn = NeuralNetwork.seeded(1, 6, 9, 8, 7, 6, 5, 4, 3);
        ActivationFunction[] fs = {ActivationFunction.SIGMOID, ActivationFunction.TANH, ActivationFunction.RELU,
            ActivationFunction.LEAKY_RELU, ActivationFunction.ELU, ActivationFunction.LINEAR, ActivationFunction.SOFTMAX};
        for (int i = 0; i < fs.length; i++) {
            nn.setActivationFunction(i, fs[i]);
        }
        String source = JavaExporter.javaSource(nn, "Brain");
        assertTrue(source.contains("private static final float[] W1 = {"), "small networks get readable literals");
        assertTrue(!source.contains("import "), "no imports: dependency-free");
        checkJava(nn, "Brain", 500);
    }

    /** A single output is a binary classifier: the generated classify thresholds at 0.5, as ToyNN's does. */
    @Test
    void aOneOutputClassifierClassifiesAsToyNN() throws Exception {
        NeuralNetwork nn = NeuralNetwork.seeded(1, 2, 4, 1);
        double[][] xor = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        nn.setLearningRate(0.5);
        Rng rng = new Rng(1);
        for (int s = 0; s < 20_000; s++) {                           // XOR: both classes, as the lecture trains it
            int k = rng.nextInt(4);
            nn.train(xor[k], new double[] {k == 1 || k == 2 ? 1 : 0});
        }
        nn.setClassNames(List.of("no", "yes"));
        Class<?> c = compile("Binary.java", JavaExporter.javaSource(nn, "Binary"), "Binary");
        Method classify = c.getMethod("classify", double[].class);
        List<String> seen = new ArrayList<>();
        List<double[]> xs = new ArrayList<>(List.of(xor));
        for (float[] x : inputs(2, 200, 41)) {
            xs.add(new double[] {x[0], x[1]});
        }
        for (double[] xd : xs) {
            Object label = classify.invoke(null, (Object) xd);
            assertEquals(nn.classify(xd).get(0).label(), label, "input " + java.util.Arrays.toString(xd));
            if (!seen.contains(label)) {
                seen.add((String) label);
            }
        }
        assertEquals(2, seen.size(), "both classes must occur for the check to mean anything: " + seen);
    }

    @Test
    void normalizersAndClassNamesAreAppliedBitIdentically() throws Exception {
        NeuralNetwork reg = NeuralNetwork.seeded(11, 3, 7, 2);
        reg.setActivationFunction(1, ActivationFunction.LINEAR);
        reg.setInputNormalizer(Normalizer.minMax(new double[] {0, -2.5, 4}, new double[] {255, 0.1, 4}));  // constant column
        reg.setTargetNormalizer(Normalizer.zScore(new double[] {1000, -3}, new double[] {250.5, 0.01}));
        String source = JavaExporter.javaSource(reg, "Price");
        assertTrue(source.contains("IN_SCALE") && source.contains("OUT_SHIFT"), "normalizers are part of the code");
        checkJava(reg, "Price", 300);

        NeuralNetwork cls = NeuralNetwork.seeded(12, 4, 6, 3);
        cls.setActivationFunction(1, ActivationFunction.SOFTMAX);
        cls.setInputNormalizer(Normalizer.zScore(new double[] {0.5, 1, 2, 3}, new double[] {0.1, 2, 0, 1}));
        List<String> names = List.of("set\"osa", "versi\\color\n", "virgínica ✓");
        cls.setClassNames(names);
        Class<?> c = compile("Iris.java", JavaExporter.javaSource(cls, "Iris"), "Iris");
        Method classifyD = c.getMethod("classify", double[].class);
        Method classifyF = c.getMethod("classify", float[].class);
        assertEquals(names, List.of((String[]) c.getMethod("classNames").invoke(null)));
        for (float[] x : inputs(4, 200, 31)) {
            double[] xd = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                xd[i] = x[i];
            }
            assertEquals(cls.classify(xd).get(0).label(), classifyD.invoke(null, (Object) xd));
            float[] y = cls.predict(x);
            int best = 0;
            for (int i = 1; i < y.length; i++) {
                best = y[i] > y[best] ? i : best;
            }
            assertEquals(names.get(best), classifyF.invoke(null, (Object) x));
            assertBitIdentical(y, (float[]) c.getMethod("predict", float[].class).invoke(null, (Object) x), "Iris");
        }
        // The Processing tab of the same network compiles after Processing's literal rule.
        String tab = processingLiterals(JavaExporter.processingTab(cls, "IrisTab"));
        Path dir = tmp.resolve("pde");
        Files.createDirectories(dir);
        tmp = dir;
        Class<?> sketch = compile("Sketch.java", "public class Sketch {\n" + tab + "\n}\n", "Sketch");
        Class<?> inner = sketch.getClassLoader().loadClass("Sketch$IrisTab");
        var ctor = inner.getDeclaredConstructor(sketch);
        ctor.setAccessible(true);
        Object brain = ctor.newInstance(sketch.getConstructor().newInstance());
        Method predict = inner.getDeclaredMethod("predict", float[].class);
        predict.setAccessible(true);
        for (float[] x : inputs(4, 50, 37)) {
            assertBitIdentical(cls.predict(x), (float[]) predict.invoke(brain, (Object) x), "IrisTab.pde");
        }
    }

    @Test
    void bigNetworkStoresWeightsAsTextAndStaysBitIdentical() throws Exception {
        NeuralNetwork nn = NeuralNetwork.seeded(2, 784, 64, 10);     // 50,890 parameters
        nn.setActivationFunction(0, ActivationFunction.RELU);
        nn.setActivationFunction(1, ActivationFunction.SOFTMAX);
        String source = JavaExporter.javaSource(nn, "Digits");
        assertTrue(source.contains("floats(new String[] {"), "big networks get Base64 weights");
        checkJava(nn, "Digits", 40);
    }

    @Test
    void largestLiteralNetworkStillCompiles() throws Exception {
        NeuralNetwork nn = NeuralNetwork.seeded(3, 63, 60, 4);        // 4,084 parameters: literals
        assertTrue(nn.parameterCount() <= JavaExporter.MAX_LITERAL_PARAMETERS);
        assertTrue(JavaExporter.javaSource(nn, "Edge").contains("W1 = {"));
        checkJava(nn, "Edge", 20);
    }

    @Test
    void qualifiedNameAddsPackage() throws Exception {
        NeuralNetwork nn = NeuralNetwork.seeded(4, 2, 3, 1);
        String source = JavaExporter.javaSource(nn, "com.example.Xor");
        assertTrue(source.contains("package com.example;"));
        Class<?> c = compile("com/example/Xor.java", source, "com.example.Xor");
        float[] x = {1, 0};
        assertBitIdentical(nn.predict(x), (float[]) c.getMethod("predict", float[].class).invoke(null, (Object) x), "Xor");
    }

    /**
     * The Processing tab, wrapped the way Processing's preprocessor wraps a sketch (tabs become inner
     * classes of one class) after its literal rule (a decimal literal without suffix becomes a float).
     */
    @Test
    void processingTabCompilesInASketchAndPredictsBitIdentically() throws Exception {
        NeuralNetwork nn = NeuralNetwork.seeded(5, 3, 12, 2);
        nn.setActivationFunction(0, ActivationFunction.TANH);
        String tab = JavaExporter.processingTab(nn, "ColorBrain");
        assertTrue(!tab.contains("static "), "inner classes of a sketch get instance members");
        String sketch = "public class Sketch {\n" + processingLiterals(tab) + "\n}\n";
        Class<?> outer = compile("Sketch.java", sketch, "Sketch");
        Object sketchInstance = outer.getConstructor().newInstance();
        Class<?> inner = outer.getClassLoader().loadClass("Sketch$ColorBrain");
        var ctor = inner.getDeclaredConstructor(outer);
        ctor.setAccessible(true);
        Object brain = ctor.newInstance(sketchInstance);
        Method predict = inner.getDeclaredMethod("predict", float[].class);
        predict.setAccessible(true);
        for (float[] x : inputs(3, 100, 23)) {
            assertBitIdentical(nn.predict(x), (float[]) predict.invoke(brain, (Object) x), "ColorBrain.pde");
        }
        // Big networks work in a tab too.
        NeuralNetwork big = NeuralNetwork.seeded(6, 100, 50, 3);
        String bigTab = JavaExporter.processingTab(big, "BigBrain");
        Path dir = tmp.resolve("big");
        Files.createDirectories(dir);
        tmp = dir;
        Class<?> outer2 = compile("Sketch.java", "public class Sketch {\n" + processingLiterals(bigTab) + "\n}\n", "Sketch");
        Class<?> inner2 = outer2.getClassLoader().loadClass("Sketch$BigBrain");
        var ctor2 = inner2.getDeclaredConstructor(outer2);
        ctor2.setAccessible(true);
        Object bigBrain = ctor2.newInstance(outer2.getConstructor().newInstance());
        Method predict2 = inner2.getDeclaredMethod("predict", float[].class);
        predict2.setAccessible(true);
        for (float[] x : inputs(100, 10, 29)) {
            assertBitIdentical(big.predict(x), (float[]) predict2.invoke(bigBrain, (Object) x), "BigBrain.pde");
        }
    }

    /** Processing's rule for number literals: {@code 1.5} and {@code 2e3} without a suffix become floats. */
    static String processingLiterals(String code) {
        Pattern p = Pattern.compile("(?<![\\w.])(\\d+\\.\\d*([eE][-+]?\\d+)?|\\.\\d+([eE][-+]?\\d+)?|\\d+[eE][-+]?\\d+)(?![\\w.])");
        Matcher m = p.matcher(code);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, m.group(1) + "f");
        }
        m.appendTail(sb);
        return sb.toString();
    }

    @Test
    void literalsRoundTripExactly() {
        Rng rng = new Rng(8);
        float[] special = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, Float.MIN_NORMAL, 1e-45f, 0.1f,
            1f / 3, 16777217f, 3.4028235e38f};
        for (float v : special) {
            assertEquals(Float.floatToRawIntBits(v), Float.floatToRawIntBits(parse(JavaExporter.literal(v))), "" + v);
        }
        for (int i = 0; i < 100_000; i++) {
            float v = Float.intBitsToFloat((int) rng.nextLong());
            if (Float.isFinite(v)) {
                assertEquals(Float.floatToRawIntBits(v), Float.floatToRawIntBits(parse(JavaExporter.literal(v))));
            }
        }
    }

    private static float parse(String literal) {
        if (literal.startsWith("Float.intBitsToFloat(0x")) {
            return Float.intBitsToFloat(Integer.parseUnsignedInt(literal.substring(23, literal.length() - 1), 16));
        }
        assertTrue(literal.endsWith("f"));
        return Float.parseFloat(literal);
    }

    @Test
    void generatedPredictRejectsBadInput() throws Exception {
        NeuralNetwork nn = NeuralNetwork.seeded(9, 2, 2, 1);
        Class<?> c = compile("Small.java", JavaExporter.javaSource(nn, "Small"), "Small");
        Method pf = c.getMethod("predict", float[].class);
        InvocationTargetException e = assertThrows(InvocationTargetException.class, () -> pf.invoke(null, (Object) new float[3]));
        assertTrue(e.getCause() instanceof IllegalArgumentException);
        assertTrue(e.getCause().getMessage().contains("expected 2 inputs, got 3 values"), e.getCause().getMessage());
        e = assertThrows(InvocationTargetException.class, () -> pf.invoke(null, (Object) new float[] {1, Float.NaN}));
        assertTrue(e.getCause().getMessage().contains("input[1] is NaN"), e.getCause().getMessage());
    }

    @Test
    void badNamesAndCustomActivationsAreRefused() {
        NeuralNetwork nn = NeuralNetwork.seeded(9, 2, 2, 1);
        for (String bad : new String[] {"class", "2Fast", "my-brain", "", "a b"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JavaExporter.javaSource(nn, bad));
            assertTrue(e.getMessage().contains("not a valid Java class name"), e.getMessage());
        }
        // Names javac refuses for a class although they are identifiers, and names that would hide what the
        // generated code uses (class Math { ... Math.exp(...) } did not compile): refused before writing.
        for (String bad : new String[] {"var", "record", "yield", "sealed", "permits"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JavaExporter.javaSource(nn, bad));
            assertTrue(e.getMessage().contains("'" + bad + "' is not a valid Java class name"), e.getMessage());
        }
        for (String hiding : new String[] {"Math", "Float", "Double", "String", "StringBuilder",
            "IllegalArgumentException", "IllegalStateException", "java"}) {
            for (String name : new String[] {hiding, "com.example." + hiding}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> JavaExporter.javaSource(nn, name));
                assertTrue(e.getMessage().contains("'" + hiding + "' cannot be the class name")
                        && e.getMessage().contains("would hide"), e.getMessage());
            }
            assertThrows(IllegalArgumentException.class, () -> JavaExporter.processingTab(nn, hiding));
        }
        nn.setActivationFunction(0, ActivationFunction.of("cube", x -> x * x * x, y -> 3 * Math.cbrt(y * y)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> JavaExporter.processingTab(nn, "Cube"));
        assertTrue(e.getMessage().toLowerCase(Locale.ROOT).contains("custom activation 'cube'"), e.getMessage());
    }

    @Test
    void writesFilesNamedAfterTheClass() throws IOException {
        NeuralNetwork nn = NeuralNetwork.seeded(10, 2, 2, 1);
        assertEquals(tmp.resolve("Brain.java"), JavaExporter.writeJava(nn, "Brain", tmp));
        assertEquals(tmp.resolve("Brain.pde"), JavaExporter.writeProcessing(nn, "Brain", tmp));
        assertTrue(Files.readString(tmp.resolve("Brain.pde")).contains("class Brain {"));
    }
}
