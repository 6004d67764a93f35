package toynn.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import javax.lang.model.SourceVersion;
import toynn.ActivationFunction;
import toynn.NeuralNetwork;
import toynn.data.Normalizer;
import toynn.layers.Dense;

/**
 * Writes a trained network as one dependency-free Java source file (or a Processing tab) that computes
 * {@code predict()} with the weights inlined — paste it into a project or a sketch, no library needed.
 *
 * <pre>{@code
 * Files.writeString(Path.of("Brain.java"), JavaExporter.javaSource(nn, "Brain"));
 * // elsewhere, without ToyNN:  float[] out = Brain.predict(new float[] {0.2f, 0.7f});
 * }</pre>
 *
 * <p>The generated code repeats ToyNN's float32 arithmetic step for step — the same summation order
 * in {@code Z = X·Wᵀ + b}, the same activation formulas — so on the same Java runtime it predicts
 * bit for bit what {@link NeuralNetwork#predict(float[])} predicts with ToyNN's plain-Java kernels (a
 * Processing sketch, any JVM without the {@code jdk.incubator.vector} module). Where ToyNN runs its Vector
 * API kernels (the {@code toynn} command), those sum each vector's lanes in their own order, and the two
 * agree to float rounding (a few units in the last place), not bit for bit. Weights are written exactly: as
 * float literals in their shortest round-trip form for small networks, and for networks with more
 * than {@value #MAX_LITERAL_PARAMETERS} parameters as Base64 strings of little-endian float32 values
 * (decoded once when the class loads), which keeps every method under the JVM's 64 KB limit.
 */
public final class JavaExporter {
    /** Networks up to this many weights and biases get readable float literals. */
    public static final int MAX_LITERAL_PARAMETERS = 4096;
    /** Base64 characters per string constant (a multiple of 4; a constant holds at most 65535 bytes). */
    static final int CHUNK = 60_000;

    private JavaExporter() {
    }

    /**
     * One Java source file declaring {@code public final class ClassName} with static {@code predict}
     * methods. A qualified name ({@code com.example.Brain}) adds a package declaration.
     *
     * @throws IllegalArgumentException if the name is not a valid Java class name
     * @throws IllegalStateException if a layer uses a custom activation (its code cannot be exported)
     */
    public static String javaSource(NeuralNetwork nn, String className) {
        String pkg = null;
        String simple = className;
        if (className != null && className.contains(".")) {
            pkg = className.substring(0, className.lastIndexOf('.'));
            simple = className.substring(className.lastIndexOf('.') + 1);
            if (!SourceVersion.isName(pkg)) {
                throw new IllegalArgumentException("'" + pkg + "' is not a valid Java package name");
            }
        }
        checkClassName(simple);
        return new Writer(nn, simple, pkg, false).source();
    }

    /**
     * A Processing tab: {@code class ClassName} with instance methods {@code predict}, usable in a
     * sketch as {@code ClassName brain = new ClassName(); float[] out = brain.predict(inputs);}.
     *
     * @throws IllegalArgumentException if the name is not a valid class name
     * @throws IllegalStateException if a layer uses a custom activation
     */
    public static String processingTab(NeuralNetwork nn, String className) {
        checkClassName(className);
        return new Writer(nn, className, null, true).source();
    }

    /** Writes {@code dir/ClassName.java} (atomically) and returns its path. */
    public static Path writeJava(NeuralNetwork nn, String className, Path dir) throws IOException {
        String source = javaSource(nn, className);
        Path file = dir.resolve(className.substring(className.lastIndexOf('.') + 1) + ".java");
        AtomicFiles.write(file, source.getBytes(StandardCharsets.UTF_8));
        return file;
    }

    /** Writes {@code dir/ClassName.pde} (atomically) and returns its path. */
    public static Path writeProcessing(NeuralNetwork nn, String className, Path dir) throws IOException {
        String source = processingTab(nn, className);
        Path file = dir.resolve(className + ".pde");
        AtomicFiles.write(file, source.getBytes(StandardCharsets.UTF_8));
        return file;
    }

    /** Identifiers that cannot name a class although they are not keywords (JLS 3.9, Java 17). */
    private static final Set<String> RESTRICTED_NAMES = Set.of("var", "yield", "record", "sealed", "permits");
    /** Names the generated code refers to; a class of that name would hide them and not compile. */
    private static final Set<String> NAMES_USED_INSIDE = Set.of("Math", "Float", "Double", "String", "StringBuilder",
            "IllegalArgumentException", "IllegalStateException", "java");

    private static void checkClassName(String name) {
        if (name == null || !SourceVersion.isIdentifier(name) || SourceVersion.isKeyword(name)
                || RESTRICTED_NAMES.contains(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a valid Java class name; use letters, digits "
                    + "and _ , starting with a letter, e.g. Brain or ColorClassifier");
        }
        if (NAMES_USED_INSIDE.contains(name)) {
            throw new IllegalArgumentException("'" + name + "' cannot be the class name: the generated code uses "
                    + ("java".equals(name) ? "the package java" : "java.lang." + name) + ", which a class of that name "
                    + "would hide, so it would not compile; choose another name, e.g. " + name + "Brain");
        }
    }

    /** A float literal that parses back to exactly {@code v}. */
    static String literal(float v) {
        if (Float.isFinite(v)) {
            String s = Float.toString(v) + "f";
            if (Float.floatToRawIntBits(Float.parseFloat(s)) == Float.floatToRawIntBits(v)) {
                return s;
            }
        }
        return "Float.intBitsToFloat(0x" + Integer.toHexString(Float.floatToRawIntBits(v)) + ")";
    }

    /** A double literal (suffix d: Processing leaves it double) that parses back to exactly {@code v}. */
    static String doubleLiteral(double v) {
        if (Double.isFinite(v)) {
            String s = Double.toString(v) + "d";
            if (Double.doubleToRawLongBits(Double.parseDouble(s)) == Double.doubleToRawLongBits(v)) {
                return s;
            }
        }
        return "Double.longBitsToDouble(0x" + Long.toHexString(Double.doubleToRawLongBits(v)) + "L)";
    }

    private static String doubles(double[] values) {
        StringJoiner j = new StringJoiner(", ", "{", "}");
        for (double v : values) {
            j.add(doubleLiteral(v));
        }
        return j.toString();
    }

    /** A Java string literal for {@code s}: quotes, backslashes and control characters escaped, non-ASCII as \\u escapes. */
    static String javaString(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format(java.util.Locale.ROOT, "\\%03o", (int) c));
                    } else if (c > 0x7e) {
                        sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** Base64 of {@code values} as little-endian float32, split into string constants. */
    static List<String> base64Chunks(float[] values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            buf.putFloat(v);
        }
        String all = Base64.getEncoder().encodeToString(buf.array());
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i < all.length(); i += CHUNK) {
            chunks.add(all.substring(i, Math.min(all.length(), i + CHUNK)));
        }
        return chunks;
    }

    /** Builds the source text. */
    private static final class Writer {
        private final NeuralNetwork nn;
        private final String name;
        private final String pkg;
        private final boolean pde;
        private final StringBuilder out = new StringBuilder();
        private final String st;        // "static " for Java, "" in a Processing tab (instance members)
        private final String pub;       // "public " for Java, "" in a Processing tab

        Writer(NeuralNetwork nn, String name, String pkg, boolean pde) {
            this.nn = nn;
            this.name = name;
            this.pkg = pkg;
            this.pde = pde;
            this.st = pde ? "" : "static ";
            this.pub = pde ? "" : "public ";
            List<Dense> layers = nn.layers();
            for (int i = 0; i < layers.size(); i++) {
                ActivationFunction f = layers.get(i).activation();
                if (!f.isBuiltIn()) {
                    throw new IllegalStateException("layer " + i + " uses the custom activation '" + f.name()
                            + "', whose code cannot be exported; use one of " + ActivationFunction.builtInNames());
                }
            }
        }

        String source() {
            List<Dense> layers = nn.layers();
            int[] sizes = nn.layerSizes();
            StringJoiner sizeText = new StringJoiner("-");
            for (int s : sizes) {
                sizeText.add(Integer.toString(s));
            }
            Set<ActivationFunction> used = new LinkedHashSet<>();
            StringJoiner acts = new StringJoiner(", ");
            for (Dense d : layers) {
                used.add(d.activation());
                acts.add(d.activation().name());
            }
            boolean literals = nn.parameterCount() <= MAX_LITERAL_PARAMETERS;

            line("// Generated by ToyNN " + Version.get() + " from a " + sizeText + " network (" + acts + ").");
            line("// No library needed: predict() computes exactly what ToyNN's predict() computes.");
            if (pkg != null) {
                line("");
                line("package " + pkg + ";");
            }
            line("");
            line("/**");
            line(" * A trained " + sizeText + " neural network exported by ToyNN: {@code predict(inputs)} returns its outputs.");
            if (pde) {
                line(" * In a sketch: {@code " + name + " brain = new " + name + "(); float[] out = brain.predict(inputs);}");
            } else {
                line(" * Use: {@code float[] out = " + name + ".predict(inputs);} — thread-safe, no state.");
            }
            line(" */");
            line((pde ? "" : "public final ") + "class " + name + " {");
            line("    /** Number of inputs. */");
            line("    " + pub + st + "final int INPUTS = " + sizes[0] + ";");
            line("    /** Number of outputs. */");
            line("    " + pub + st + "final int OUTPUTS = " + sizes[sizes.length - 1] + ";");
            dataFields();
            for (int l = 0; l < layers.size(); l++) {
                Dense d = layers.get(l);
                int k = l + 1;
                line("");
                line("    // Layer " + k + ": " + d.inputs() + " → " + d.outputs() + ", " + d.activation().name()
                        + ". W" + k + " is (" + d.outputs() + ", " + d.inputs() + ") row-major, B" + k + " is (" + d.outputs() + ").");
                weights("W" + k, d.weights(), literals);
                weights("B" + k, d.bias(), literals);
            }
            if (!pde) {
                line("");
                line("    private " + name + "() {");
                line("    }");
            }
            predictMethods(layers);
            line("");
            line("    /** Z = X·Wᵀ + b for one sample: x (in), w (out, in), b (out). */");
            line("    private " + st + "float[] dense(float[] x, float[] w, float[] b, int in, int out) {");
            line("        float[] z = new float[out];");
            line("        for (int j = 0; j < out; j++) {");
            line("            z[j] = dot(w, j * in, x, in);");
            line("            z[j] += b[j];");
            line("        }");
            line("        return z;");
            line("    }");
            line("");
            line("    /**");
            line("     * Σ w[wo+p]·x[p] for p < n, summed as ToyNN's plain-Java kernel sums (so the results match it");
            line("     * bit for bit): 16 partial sums, lane j taking p ≡ j (mod 16) of the whole blocks of 16, the");
            line("     * rest added to lane 0 in order; then the lanes pairwise: j += j+8, j += j+4, j += j+2, j += j+1.");
            line("     */");
            line("    private " + st + "float dot(float[] w, int wo, float[] x, int n) {");
            line("        float[] s = new float[16];");
            line("        int p = 0;");
            line("        for (; p + 16 <= n; p += 16) {");
            line("            for (int j = 0; j < 16; j++) {");
            line("                s[j] += w[wo + p + j] * x[p + j];");
            line("            }");
            line("        }");
            line("        for (; p < n; p++) {");
            line("            s[0] += w[wo + p] * x[p];");
            line("        }");
            line("        for (int half = 8; half > 0; half /= 2) {");
            line("            for (int j = 0; j < half; j++) {");
            line("                s[j] += s[j + half];");
            line("            }");
            line("        }");
            line("        return s[0];");
            line("    }");
            for (ActivationFunction f : used) {
                activation(f);
            }
            if (!literals) {
                line("");
                line("    /** Decodes Base64 little-endian float32 values (the weights, stored as text to keep methods small). */");
                line("    private " + st + "float[] floats(String[] chunks, int count) {");
                line("        StringBuilder text = new StringBuilder();");
                line("        for (String c : chunks) {");
                line("            text.append(c);");
                line("        }");
                line("        byte[] bytes = java.util.Base64.getDecoder().decode(text.toString());");
                line("        if (bytes.length != 4 * count) {");
                line("            throw new IllegalStateException(\"weights are corrupt: \" + bytes.length + \" bytes for \" + count + \" values\");");
                line("        }");
                line("        float[] v = new float[count];");
                line("        java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);");
                line("        return v;");
                line("    }");
            }
            line("}");
            return out.toString();
        }

        /** Normalizer maps and class names, when the network has them. */
        private void dataFields() {
            Normalizer in = nn.inputNormalizer();
            Normalizer out = nn.targetNormalizer();
            if (in != null) {
                line("");
                line("    // Raw inputs are normalized as ToyNN does: x' = (float) ((x − IN_SHIFT) · IN_SCALE).");
                line("    private " + st + "final double[] IN_SHIFT = " + doubles(NormalizerMath.shift(in)) + ";");
                line("    private " + st + "final double[] IN_SCALE = " + doubles(NormalizerMath.scale(in)) + ";");
            }
            if (out != null) {
                line("");
                line("    // Outputs are mapped back to target units: y = y' / OUT_SCALE + OUT_SHIFT.");
                line("    private " + st + "final double[] OUT_SHIFT = " + doubles(NormalizerMath.shift(out)) + ";");
                line("    private " + st + "final double[] OUT_SCALE = " + doubles(NormalizerMath.scale(out)) + ";");
            }
            if (!nn.classNames().isEmpty()) {
                StringJoiner names = new StringJoiner(", ", "{", "}");
                for (String c : nn.classNames()) {
                    names.add(javaString(c));
                }
                line("");
                line(nn.hasBinaryClassNames()
                        ? "    // The single output is class 1's confidence: CLASS_NAMES[1] when it is at least 0.5, else CLASS_NAMES[0]."
                        : "    // Output i is the class CLASS_NAMES[i].");
                line("    private " + st + "final String[] CLASS_NAMES = " + names + ";");
            }
        }

        private void predictMethods(List<Dense> layers) {
            boolean in = nn.inputNormalizer() != null;
            boolean out = nn.targetNormalizer() != null;
            line("");
            line("    /**");
            line("     * The network's outputs for {@code input} ({@value #INPUTS} " + (in ? "raw " : "") + "values, finite).");
            line("     *");
            line("     * @throws IllegalArgumentException if the input is null, the wrong length, or not finite");
            line("     */");
            line("    " + pub + st + "float[] predict(float[] input) {");
            line("        if (input == null || input.length != INPUTS) {");
            line("            throw new IllegalArgumentException(\"expected \" + INPUTS + \" inputs, got \"");
            line("                    + (input == null ? \"null\" : input.length + \" values\"));");
            line("        }");
            line("        for (int i = 0; i < input.length; i++) {");
            line("            if (Float.isNaN(input[i]) || Float.isInfinite(input[i])) {");
            line("                throw new IllegalArgumentException(\"input[\" + i + \"] is \" + input[i] + \"; expected a finite number\");");
            line("            }");
            line("        }");
            if (in) {
                line("        float[] x = input.clone();");
                normalizeLines("x");
                line("        float[] y = forward(x);");
            } else {
                line("        float[] y = forward(input);");
            }
            if (out) {
                line("        for (int o = 0; o < y.length; o++) {");
                line("            y[o] = (float) (y[o] / OUT_SCALE[o] + OUT_SHIFT[o]);");
                line("        }");
            }
            line("        return y;");
            line("    }");
            line("");
            line("    /** {@link #predict(float[])} for double inputs and outputs (inputs are rounded to float first, as in ToyNN). */");
            line("    " + pub + st + "double[] predict(double[] input) {");
            line("        if (input == null || input.length != INPUTS) {");
            line("            throw new IllegalArgumentException(\"expected \" + INPUTS + \" inputs, got \"");
            line("                    + (input == null ? \"null\" : input.length + \" values\"));");
            line("        }");
            line("        float[] x = new float[input.length];");
            line("        for (int i = 0; i < x.length; i++) {");
            line("            if (Double.isNaN(input[i]) || Double.isInfinite(input[i])) {");
            line("                throw new IllegalArgumentException(\"input[\" + i + \"] is \" + input[i] + \"; expected a finite number\");");
            line("            }");
            line("            x[i] = (float) input[i];");
            line("        }");
            if (in) {
                normalizeLines("x");
            }
            line("        float[] y = forward(x);");
            line("        double[] result = new double[y.length];");
            line("        for (int i = 0; i < y.length; i++) {");
            line("            result[i] = " + (out ? "y[i] / OUT_SCALE[i] + OUT_SHIFT[i]" : "y[i]") + ";");
            line("        }");
            line("        return result;");
            line("    }");
            if (!nn.classNames().isEmpty()) {
                for (String type : new String[] {"float", "double"}) {
                    line("");
                    if (nn.outputSize() == 1) {           // a binary classifier, as ToyNN's classify
                        boolean named = nn.hasBinaryClassNames();
                        line("    /** Class 1 when the output for {@code input} is at least 0.5, else class 0, as ToyNN's classify. */");
                        line("    " + pub + st + "String classify(" + type + "[] input) {");
                        line("        return predict(input)[0] >= 0.5 ? " + (named ? "CLASS_NAMES[1] : CLASS_NAMES[0]"
                                : "\"1\" : \"0\"") + ";");
                        line("    }");
                        continue;
                    }
                    line("    /** The class with the largest output for {@code input} (the first of equals), as ToyNN's classify. */");
                    line("    " + pub + st + "String classify(" + type + "[] input) {");
                    line("        " + type + "[] y = predict(input);");
                    line("        int best = 0;");
                    line("        for (int i = 1; i < y.length; i++) {");
                    line("            if (Double.compare(y[i], y[best]) > 0) {");
                    line("                best = i;");
                    line("            }");
                    line("        }");
                    line("        return CLASS_NAMES[best];");
                    line("    }");
                }
                line("");
                line("    /** The class names in output order (a copy). */");
                line("    " + pub + st + "String[] classNames() {");
                line("        return CLASS_NAMES.clone();");
                line("    }");
            }
            line("");
            line("    /** The layers on (normalized) inputs x. */");
            line("    private " + st + "float[] forward(float[] x) {");
            String prev = "x";
            for (int l = 0; l < layers.size(); l++) {
                Dense d = layers.get(l);
                int k = l + 1;
                String a = "a" + k;
                line("        float[] " + a + " = dense(" + prev + ", W" + k + ", B" + k + ", " + d.inputs() + ", "
                        + d.outputs() + ");   // (" + d.outputs() + ")");
                String fn = methodName(d.activation());
                if (fn != null) {
                    line("        " + fn + "(" + a + ");");
                }
                prev = a;
            }
            line("        return " + prev + ";");
            line("    }");
        }

        private void normalizeLines(String x) {
            line("        for (int i = 0; i < " + x + ".length; i++) {");
            line("            " + x + "[i] = (float) ((" + x + "[i] - IN_SHIFT[i]) * IN_SCALE[i]);");
            line("        }");
        }

        private static String methodName(ActivationFunction f) {
            if (f == ActivationFunction.LINEAR) {
                return null;
            }
            if (f == ActivationFunction.LEAKY_RELU) {
                return "leakyRelu";
            }
            return f.name();
        }

        /** Each formula as ToyNN's ActivationFunction computes it (float in, double math where ToyNN uses it). */
        private void activation(ActivationFunction f) {
            String fn = methodName(f);
            if (fn == null) {
                return;
            }
            line("");
            if (f == ActivationFunction.SOFTMAX) {
                line("    /** Softmax in place: y_i = e^(z_i − max) / Σ_j e^(z_j − max). */");
                line("    private " + st + "void softmax(float[] z) {");
                line("        float max = Float.NEGATIVE_INFINITY;");
                line("        for (int j = 0; j < z.length; j++) {");
                line("            max = Math.max(max, z[j]);");
                line("        }");
                line("        double sum = 0;");
                line("        for (int j = 0; j < z.length; j++) {");
                line("            float e = (float) Math.exp(z[j] - max);");
                line("            z[j] = e;");
                line("            sum += e;");
                line("        }");
                line("        float inv = (float) (1.0d / sum);");
                line("        for (int j = 0; j < z.length; j++) {");
                line("            z[j] *= inv;");
                line("        }");
                line("    }");
                return;
            }
            String body;
            String doc;
            if (f == ActivationFunction.SIGMOID) {
                doc = "Sigmoid in place: 1 / (1 + e^(−z)).";
                body = "z[i] = (float) (1.0d / (1.0d + Math.exp(-z[i])));";
            } else if (f == ActivationFunction.TANH) {
                doc = "tanh in place.";
                body = "z[i] = (float) Math.tanh(z[i]);";
            } else if (f == ActivationFunction.RELU) {
                doc = "ReLU in place: max(0, z).";
                body = "z[i] = Math.max(z[i], 0f);";
            } else if (f == ActivationFunction.LEAKY_RELU) {
                doc = "Leaky ReLU in place: z for z > 0, else 0.01·z.";
                body = "double x = z[i];\n            z[i] = (float) (x > 0 ? x : 0.01d * x);";
            } else if (f == ActivationFunction.ELU) {
                doc = "ELU (α = 1) in place: z for z > 0, else e^z − 1.";
                body = "double x = z[i];\n            z[i] = (float) (x > 0 ? x : Math.expm1(x));";
            } else {
                throw new IllegalStateException("no code for activation " + f.name());
            }
            line("    /** " + doc + " */");
            line("    private " + st + "void " + fn + "(float[] z) {");
            line("        for (int i = 0; i < z.length; i++) {");
            line("            " + body);
            line("        }");
            line("    }");
        }

        private void weights(String field, float[] values, boolean literals) {
            String decl = "    private " + st + "final float[] " + field + " = ";
            if (literals) {
                StringBuilder sb = new StringBuilder(decl).append('{');
                int lineStart = 0;
                for (int i = 0; i < values.length; i++) {
                    if (i > 0) {
                        sb.append(',');
                        if (sb.length() - lineStart > 100) {
                            sb.append("\n        ");
                            lineStart = sb.length() - 8;
                        } else {
                            sb.append(' ');
                        }
                    }
                    sb.append(literal(values[i]));
                }
                sb.append("};");
                line(sb.toString());
            } else {
                List<String> chunks = base64Chunks(values);
                StringBuilder sb = new StringBuilder(decl).append("floats(new String[] {");
                for (int i = 0; i < chunks.size(); i++) {
                    sb.append(i == 0 ? "\n        \"" : ",\n        \"").append(chunks.get(i)).append('"');
                }
                sb.append("}, ").append(values.length).append(");");
                line(sb.toString());
            }
        }

        private void line(String s) {
            out.append(s).append('\n');
        }
    }
}
