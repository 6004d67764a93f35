package toynn.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import toynn.ActivationFunction;
import toynn.InputShape;
import toynn.NeuralNetwork;
import toynn.cli.input.ImageInput;
import toynn.io.ModelFormat;
import toynn.io.ModelFormats;

/** {@code toynn convert --from FORMAT IN --to FORMAT OUT}: rewrites a model in another format. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Converts a model between formats: toynn, toy-nn-js, tfjs, onnx (and writes java, pde).",
            "Example: toynn convert --from toy-nn-js brain.json --to toynn model.json"})
public final class ConvertCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--from", paramLabel = "FORMAT",
            description = "Format of IN: toynn, toy-nn-js, tfjs, onnx (default: recognised from the file).")
    String from;

    @Option(names = "--to", required = true, paramLabel = "FORMAT",
            description = "Format of OUT: toynn, toy-nn-js, tfjs (OUT is a directory), onnx, java, pde.")
    String to;

    @Option(names = "--activation", paramLabel = "NAME",
            description = "For Toy-NN-JS input, which does not record it: the activation of both layers (default sigmoid).")
    String activation;

    @Parameters(index = "0", paramLabel = "IN", description = "The model to read.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "Where to write the converted model.")
    Path out;

    @Override
    public Integer call() throws Exception {
        ModelFormat target = ModelFormats.get(to);
        if (!target.canWrite()) {
            throw new CliException("the " + target.name() + " format can only be read; write one of "
                    + ModelFormats.all().stream().filter(ModelFormat::canWrite).map(ModelFormat::name).toList());
        }
        if (activation != null) {
            ModelOptions.activationByName(activation, "--activation");
        }
        Models.Loaded loaded = Models.open(in, from, activation);
        NeuralNetwork nn = loaded.network();
        ModelFormats.write(target.name(), nn, out);
        main.out().println("Wrote " + out + " (" + target.name() + ", layers " + sizes(nn.layerSizes())
                + ") from " + in + " (" + loaded.format() + ")");
        ActivationFunction f = nn.getActivationFunction();
        if (target.readOptions().containsKey("activation") && f != null && f != ActivationFunction.SIGMOID) {
            main.err().println("toynn: note: " + target.name() + " files do not record the activation; read this one with "
                    + "--activation " + f.name());
        }
        if ("toy-nn-js".equals(target.name()) && !nn.classNames().isEmpty()) {     // the only writer without them
            main.err().println("toynn: note: toy-nn-js files do not hold class names, so " + nn.classNames()
                    + " are not in " + out + (nn.hasBinaryClassNames()
                    ? "; its one output is still class " + nn.classNames().get(1) + " when ≥ 0.5, else "
                    + nn.classNames().get(0) : "; its outputs keep that order"));
        }
        if ("tfjs".equals(target.name()) && nn.hasBinaryClassNames()) {
            // ml5's model_meta.json labels one output unit per class; a binary classifier has one for both
            main.err().println("toynn: note: ml5's model_meta.json names one output per class, so the class names "
                    + nn.classNames() + " of this one-output network are not in " + out + "; its output is the "
                    + "confidence of \"" + nn.classNames().get(1) + "\"");
        }
        InputShape shape = nn.inputShape();
        if (shape != null && shape.isImage() && target.canRead() && !"toynn".equals(target.name())) {   // only ToyNN files record it
            int side = ImageInput.squareSide(nn.inputSize());           // what predict assumes without it
            String size = shape.width() + "×" + shape.height();
            main.err().println("toynn: note: " + target.name() + " files do not hold the input image size, so " + size
                    + " is not in " + out + "; read back, " + (side > 0
                            ? "images are taken as " + side + "×" + side + " (a square of its " + nn.inputSize() + " inputs)"
                            : "it takes no images (its " + nn.inputSize() + " inputs are not a square)"));
        }
        if (!nn.inputColumns().isEmpty() && !"toynn".equals(target.name())) {     // only ToyNN files record them
            // Without them predict --csv reads a header file's numbers in file order, not by name.
            main.err().println("toynn: note: " + target.name() + " files do not hold the input column names, so "
                    + nn.inputColumns() + " are not in " + out + "; read back, it takes inputs in that order only "
                    + "(predict --csv no longer reads a file by its header, nor predict(Map) a row by name)");
        }
        return 0;
    }

    static String sizes(int[] s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length; i++) {
            sb.append(i == 0 ? "" : "-").append(s[i]);
        }
        return sb.toString();
    }
}
