package toynn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toynn.Classification;
import toynn.DataSet;
import toynn.NeuralNetwork;

/** The snippets of README.md's "Data" section, line for line (keep the two in step; files made here). */
class ReadmeDataExampleTest {
    @TempDir
    Path dir;

    @Test
    void loadersSnippet() throws Exception {
        Path flowers = Files.writeString(dir.resolve("flowers.csv"), "petal,species\n1.4,setosa\n4.7,versicolor\n"
                + "1.3,setosa\n4.5,versicolor\n1.5,setosa\n4.9,versicolor\n1.4,setosa\n4.0,versicolor\n");
        Path images = Files.write(dir.resolve("train-images-idx3-ubyte.gz"),
                IdxReaderTest.gzip(IdxReaderTest.idx(8, new int[] {2, 2, 2}, new byte[8])));
        Path labels = Files.write(dir.resolve("train-labels-idx1-ubyte.gz"),
                IdxReaderTest.gzip(IdxReaderTest.idx(8, new int[] {2}, new byte[] {0, 1})));
        Path cat = NpyReaderTest.fixture("cat.npy");
        Path dog = NpyReaderTest.fixture("dog.npy");

        DataSet iris = BundledData.load("iris");                   // in the jar: "xor", "iris", "digits"
        DataSet.Split s = iris.split(0.2, 42);                     // seeded, stratified: 40+10 of each class
        DataSet shuffled = s.train().shuffled(7);
        int rows = 0;
        for (DataSet.Batch b : shuffled.batches(32)) {             // views into the live arrays, no copies
            rows += b.size();
        }
        float[] oneHot = DataSet.oneHot(new int[] {2, 0}, List.of("a", "b", "c"));

        if (FashionMnist.isInstalled()) {
            TrainTest fm = FashionMnist.load();                    // Debian's dataset-fashion-mnist, 60000 + 10000
            assertEquals(60000, fm.train().size());
        }
        DataSet csv = CsvReader.read(flowers, DataOptions.create().labelColumn("species"));
        DataSet idx = IdxReader.load(images, labels);
        DataSet qd  = NpyReader.loadClasses(List.of(cat, dog), 5000);
        TrainTest any = DataSources.load("csv:" + flowers, DataOptions.create().testFraction(0.25).seed(1));

        assertEquals(120, rows);
        assertEquals(6, oneHot.length);
        assertEquals(List.of("setosa", "versicolor"), csv.classNames());
        assertEquals(2, idx.size());
        assertEquals(List.of("cat", "dog"), qd.classNames());
        assertEquals(2, any.test().size());

        // Normalisation snippet
        NeuralNetwork nn = NeuralNetwork.classifier(4, "setosa", "versicolor", "virginica");
        Normalizer in = Normalizer.fitInputs(Normalizer.Method.Z_SCORE, s.train());
        DataSet train = in.normalizeInputs(s.train());
        nn.fit(train, toynn.train.FitOptions.create().epochs(30));   // … train nn on `train` …
        nn.setInputNormalizer(in);
        nn.setClassNames(iris.classNames());
        List<Classification> ranked = nn.classify(new double[] {5.1, 3.5, 1.4, 0.2});   // best first
        assertEquals("setosa", ranked.get(0).label());
        assertTrue(ranked.get(0).confidence() > 0.5);
    }

    @Test
    void ml5Snippet() {
        NeuralNetwork nn = NeuralNetwork.classifier(2, "red", "green", "blue");  // 2 → 16 ReLU → 3 softmax
        nn.addData(new double[] {120, 45}, "red");                 // one per click: raw values, a label
        nn.addData(new double[] {300, 380}, "blue");               // … (labels must be the classes given)
        nn.addData(new double[] {200, 100}, "green");
        nn.normalizeData();                                        // min-max per input, fitted on the added data
        nn.train(50, (epoch, loss) -> System.out.println(epoch + ": " + loss));   // ml5's whileTraining
        List<Classification> guess = nn.classify(new double[] {130, 50});         // best first: label, confidence

        NeuralNetwork reg = NeuralNetwork.regressor(1, 1);         // 1 → 16 ReLU → 1 linear, squared error
        reg.addData(new double[] {20}, new double[] {68});         // e.g. °C → °F
        reg.addData(new double[] {30}, new double[] {86});
        reg.normalizeData();                                       // targets too: learned in [0, 1] …
        reg.train(200);
        double f = reg.predict(new double[] {25})[0];              // … answered in °F

        NeuralNetwork rgb = NeuralNetwork.classifier(3, "red-ish", "blue-ish");   // ml5's addData({r: 255, …}, …)
        rgb.addData(Map.of("r", 255, "g", 0, "b", 0), "red-ish");  // named inputs: numbers by name
        rgb.addData(Map.of("r", 20, "g", 30, "b", 240), "blue-ish");
        rgb.normalizeData();
        rgb.train(50);
        String c = rgb.classify(Map.of("r", 250, "g", 10, "b", 5)).get(0).label();   // "red-ish"

        assertEquals("red-ish", c);
        assertEquals(List.of("b", "g", "r"), rgb.inputColumns());
        assertEquals("red", guess.get(0).label());
        assertEquals(77, f, 3);
    }
}
