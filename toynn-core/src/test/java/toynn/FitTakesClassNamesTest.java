package toynn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toynn.data.BundledData;
import toynn.train.Adam;
import toynn.train.FitOptions;

/**
 * fit on a data set with class names (a CSV's text labels, iris) names the network's outputs: before,
 * classify answered "0", "1", "2" and the saved file had no classNames unless setClassNames was called
 * by hand, though the names were in the data the network learned.
 */
class FitTakesClassNamesTest {
    @TempDir
    Path dir;

    private static NeuralNetwork irisNet() {
        return NeuralNetwork.builder().inputs(4).dense(8, ActivationFunction.RELU)
                .dense(3, ActivationFunction.SOFTMAX).loss(Loss.CROSS_ENTROPY).optimizer(Adam.of(0.01)).seed(5).build();
    }

    @Test
    void namesOfTheTrainingDataBecomeTheClassesAndAreSaved() throws Exception {
        DataSet iris = BundledData.load("iris");
        NeuralNetwork nn = irisNet();
        nn.fit(iris, FitOptions.create().epochs(30).batchSize(16));
        assertEquals(iris.classNames(), nn.classNames());
        assertEquals(List.of("setosa", "versicolor", "virginica"), nn.classNames());
        assertEquals("setosa", nn.classify(new double[] {5.1, 3.5, 1.4, 0.2}).get(0).label());
        nn.save(dir.resolve("iris.json"));
        assertEquals(nn.classNames(), NeuralNetwork.load(dir.resolve("iris.json")).classNames());
    }

    @Test
    void namesSetByHandAreKept() {
        NeuralNetwork nn = irisNet();
        nn.setClassNames(List.of("a", "b", "c"));
        nn.fit(BundledData.load("iris"), FitOptions.create().epochs(1));
        assertEquals(List.of("a", "b", "c"), nn.classNames());
    }

    @Test
    void dataWithoutNamesLeavesTheNetworkUnnamed() {
        NeuralNetwork nn = new NeuralNetwork(2, 3, 1);
        nn.fit(DataSet.of(new double[][] {{0, 1}, {1, 0}}, new double[][] {{1}, {0}}), FitOptions.create().epochs(1));
        assertEquals(List.of(), nn.classNames());
    }
}
