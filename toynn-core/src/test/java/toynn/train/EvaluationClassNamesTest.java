package toynn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import toynn.ActivationFunction;
import toynn.DataSet;
import toynn.Loss;
import toynn.NeuralNetwork;

/**
 * {@link Evaluation#of} takes one class name per class, or none: a list of another size is refused
 * (it was replaced by "0", "1", … without a word), while {@code evaluate} on a one-column binary data set,
 * which can name only its one column, still reports classes "0" and "1".
 */
class EvaluationClassNamesTest {
    private static final float[] OUT = {0.9f, 0.1f, 0.2f, 0.8f};        // (2, 2)
    private static final float[] TGT = {1, 0, 0, 1};

    @Test
    void aListOfTheWrongSizeIsRefused() {
        assertEquals("3 class names [a, b, c] for 2 classes (one per output column); expected 2 names, or none for "
                + "\"0\", \"1\", …", assertThrows(IllegalArgumentException.class,
                        () -> Evaluation.of(OUT, TGT, 2, 2, List.of("a", "b", "c"), true, 0)).getMessage());
        assertEquals("1 class names [yes] for 2 classes (a single output column has two: class 0's name, then class "
                + "1's); expected 2 names, or none for \"0\", \"1\", …", assertThrows(IllegalArgumentException.class,
                        () -> Evaluation.of(new float[] {0.9f, 0.2f}, new float[] {1, 0}, 2, 1, List.of("yes"), true, 0))
                        .getMessage());
        assertEquals("class name 1 is null; expected a name per class", assertThrows(IllegalArgumentException.class,
                () -> Evaluation.of(OUT, TGT, 2, 2, Arrays.asList("a", null), true, 0)).getMessage());
    }

    @Test
    void oneNamePerClassOrNoneIsKept() {
        assertEquals(List.of("cat", "dog"), Evaluation.of(OUT, TGT, 2, 2, List.of("cat", "dog"), true, 0).classNames());
        assertEquals(List.of("no", "yes"), Evaluation.of(new float[] {0.9f, 0.2f}, new float[] {1, 0}, 2, 1,
                List.of("no", "yes"), true, 0).classNames());
        assertEquals(List.of("0", "1"), Evaluation.of(OUT, TGT, 2, 2, List.of(), true, 0).classNames());
        assertEquals(List.of(), Evaluation.of(OUT, TGT, 2, 2, List.of("a", "b", "c"), false, 0).classNames());  // regression: no classes
    }

    @Test
    void evaluateOnAOneColumnDataSetNamingItsColumnReportsZeroAndOne() {
        NeuralNetwork nn = NeuralNetwork.builder().inputs(2).dense(1, ActivationFunction.SIGMOID).loss(Loss.BINARY_CROSS_ENTROPY)
                .seed(3).build();
        DataSet d = DataSet.of(new float[] {0, 1, 1, 0}, new float[] {1, 0}, 2, 2, 1, List.of("spam"), List.of());
        Evaluation ev = nn.evaluate(d);
        assertEquals(List.of("0", "1"), ev.classNames());             // one name cannot name both classes
        assertEquals(2, ev.confusionMatrix().length);
    }

    @Test
    void dataWithoutFittingNamesIsReportedWithTheNetworksClassNames() {
        NeuralNetwork binary = NeuralNetwork.builder().inputs(2).dense(1, ActivationFunction.SIGMOID)
                .loss(Loss.BINARY_CROSS_ENTROPY).seed(3).build();
        binary.setClassNames(List.of("no", "yes"));
        DataSet oneColumn = DataSet.of(new float[] {0, 1, 1, 0}, new float[] {1, 0}, 2, 2, 1, List.of("spam"), List.of());
        assertEquals(List.of("no", "yes"), binary.evaluate(oneColumn).classNames());

        NeuralNetwork three = NeuralNetwork.builder().inputs(2).dense(3, ActivationFunction.SOFTMAX)
                .loss(Loss.CROSS_ENTROPY).seed(3).build();
        three.setClassNames(List.of("red", "green", "blue"));
        DataSet unnamed = DataSet.of(new float[] {0, 1, 1, 0}, new float[] {1, 0, 0, 0, 0, 1}, 2, 2, 3, List.of(), List.of());
        assertEquals(List.of("red", "green", "blue"), three.evaluate(unnamed).classNames());
        DataSet named = DataSet.of(new float[] {0, 1, 1, 0}, new float[] {1, 0, 0, 0, 0, 1}, 2, 2, 3,
                List.of("a", "b", "c"), List.of());
        assertEquals(List.of("a", "b", "c"), three.evaluate(named).classNames());   // the data's own names first
    }
}
