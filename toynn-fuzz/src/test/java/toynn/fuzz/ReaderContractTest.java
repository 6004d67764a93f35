package toynn.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import toynn.io.ModelFormatException;

/** The fuzzing contract itself must catch each way a reader can break it. */
class ReaderContractTest {
    @Test
    void passesResultsAndDocumentedExceptionsThrough() {
        assertEquals("ok", ReaderContract.check("reader", 10, () -> "ok", ModelFormatException.class));
        assertNull(ReaderContract.check("reader", 10, () -> {
            throw new ModelFormatException("field x: expected a number");
        }, ModelFormatException.class));
    }

    @Test
    void undocumentedExceptionBreaksTheContract() {
        AssertionError e = assertThrows(AssertionError.class, () -> ReaderContract.check("reader", 10, () -> {
            int[] a = new int[1];
            return a[2];
        }, ModelFormatException.class));
        assertTrue(e.getMessage().contains("ArrayIndexOutOfBoundsException"), e.getMessage());
    }

    @Test
    void documentedExceptionWithoutMessageBreaksTheContract() {
        AssertionError e = assertThrows(AssertionError.class, () -> ReaderContract.check("reader", 10, () -> {
            throw new ModelFormatException("");
        }, ModelFormatException.class));
        assertTrue(e.getMessage().contains("without a message"), e.getMessage());
    }

    @Test
    void allocatingFromADeclaredSizeBreaksTheContract() {
        int declared = (int) (ReaderContract.allocationBudget(100) / 4) + 1_000_000;   // floats: just over budget
        AssertionError e = assertThrows(AssertionError.class,
                () -> ReaderContract.check("reader", 100, () -> new float[declared], ModelFormatException.class));
        assertTrue(e.getMessage().contains("allocated") && e.getMessage().contains("100-byte input"), e.getMessage());
    }

    @Test
    void outOfMemoryBreaksTheContract() {
        AssertionError e = assertThrows(AssertionError.class, () -> ReaderContract.check("reader", 100, () -> {
            throw new OutOfMemoryError("Java heap space");
        }, ModelFormatException.class));
        assertTrue(e.getMessage().contains("ran out of memory"), e.getMessage());
    }
}
