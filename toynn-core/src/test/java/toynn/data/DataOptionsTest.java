package toynn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The settings {@link DataOptions} takes, and the ones it refuses with a message. */
class DataOptionsTest {

    @Test
    void classNamesAreCopiedAndNullMeansTheDefault() {
        List<String> names = new ArrayList<>(List.of("cat", "dog"));
        DataOptions o = DataOptions.create().classNames(names);
        names.set(0, "cow");
        assertEquals(List.of("cat", "dog"), o.classNames(), "a copy, not the caller's list");
        assertNull(o.classNames(null).classNames());
    }

    @Test
    void aNullClassNameIsNamed() {
        // List.copyOf threw a NullPointerException without a message
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DataOptions.create().classNames(Arrays.asList("cat", null)));
        assertEquals("class name 1 is null; expected a name for each label, got [cat, null]", e.getMessage());
    }
}
