package toynn.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import toynn.NeuralNetwork;
import toynn.io.JavaExporter;
import toynn.io.ModelFormats;

/**
 * {@code toynn export --model M --java ClassName [--pde [ClassName]] [--out DIR]}: writes a trained
 * network as one dependency-free Java source file and/or a Processing tab, weights inlined.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Writes a trained network as standalone Java or Processing code that needs no library.",
            "--java ClassName writes ClassName.java with static predict(float[]) and predict(double[]); "
                    + "--pde [ClassName] writes ClassName.pde, a Processing tab: new ClassName().predict(inputs). "
                    + "Both compute exactly what ToyNN's predict() computes."})
public final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "M",
            description = "The model file or folder (toynn, toy-nn-js, tfjs or onnx; the format is detected).")
    Path model;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "The format of --model, when detection is not wanted.")
    String format;

    @Option(names = "--option", paramLabel = "KEY=VALUE",
            description = "An option for reading --model, e.g. activation=tanh for a toy-nn-js file.")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--java", paramLabel = "ClassName",
            description = "Write ClassName.java (a qualified name such as com.example.Brain adds a package).")
    String javaClass;

    @Option(names = "--pde", arity = "0..1", fallbackValue = "", paramLabel = "ClassName",
            description = "Write ClassName.pde, a Processing tab (the name defaults to that of --java).")
    String pdeClass;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".",
            description = "Folder for the written files (default: the current folder).")
    Path out;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        try {
            if (javaClass == null && pdeClass == null) {
                throw new IllegalArgumentException("nothing to write: give --java ClassName and/or --pde [ClassName]");
            }
            String pdeName = pdeClass;
            if (pdeName != null && pdeName.isEmpty()) {
                if (javaClass == null) {
                    throw new IllegalArgumentException("--pde needs a class name when --java is not given, e.g. --pde Brain");
                }
                pdeName = javaClass.substring(javaClass.lastIndexOf('.') + 1);
            }
            NeuralNetwork nn = format != null ? ModelFormats.read(format, model, options) : readDetected();
            String what = describe(nn);
            if (javaClass != null) {
                stdout.println("wrote " + JavaExporter.writeJava(nn, javaClass, out) + " (" + what + ")");
            }
            if (pdeName != null) {
                stdout.println("wrote " + JavaExporter.writeProcessing(nn, pdeName, out) + " (" + what + ")");
            }
            stdout.flush();
            return 0;
        } catch (NoSuchFileException e) {
            throw new CliException("no such file: " + e.getFile(), e);
        } catch (FileSystemException e) {
            throw new CliException(ErrorHandler.describe(e), e);   // its message is only the path: say what is wrong with it
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new CliException(e.getMessage(), e);
        }
    }

    /**
     * The model in the format found from the file; what detection cannot place is read as the other
     * commands read it: a checkpoint, or a broken JSON file reported where it breaks.
     */
    private NeuralNetwork readDetected() throws IOException {
        String name;
        try {
            name = ModelFormats.detect(model);
        } catch (IllegalArgumentException e) {
            if (!Files.exists(model)) {
                throw e;
            }
            return Models.open(model, null, null).network();
        }
        return ModelFormats.read(name, model, options);
    }

    private static String describe(NeuralNetwork nn) {
        StringBuilder sb = new StringBuilder("a ");
        int[] sizes = nn.layerSizes();
        for (int i = 0; i < sizes.length; i++) {
            sb.append(i == 0 ? "" : "-").append(sizes[i]);
        }
        return sb.append(" network, ").append(nn.parameterCount()).append(" parameters").toString();
    }
}
