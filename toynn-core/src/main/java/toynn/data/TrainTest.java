package toynn.data;

import java.util.Objects;
import toynn.DataSet;

/**
 * A training set and the test set it is judged on, as {@link DataSources#load(String, DataOptions)}
 * returns them. Both have the same inputs, targets and class names.
 *
 * @param train the examples to learn from
 * @param test  held-out examples to measure accuracy on
 */
public record TrainTest(DataSet train, DataSet test) {
    /** Checks that both sets exist and fit together. */
    public TrainTest {
        Objects.requireNonNull(train, "train must not be null");
        Objects.requireNonNull(test, "test must not be null");
        if (train.inputSize() != test.inputSize() || train.targetSize() != test.targetSize()) {
            throw new IllegalArgumentException("train has " + train.inputSize() + " inputs and " + train.targetSize()
                    + " targets but test has " + test.inputSize() + " and " + test.targetSize()
                    + "; expected the same shape");
        }
        if (!train.classNames().equals(test.classNames())) {
            throw new IllegalArgumentException("train has classes " + train.classNames() + " but test has "
                    + test.classNames() + "; expected the same classes in the same order");
        }
    }
}
