package toynn;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks that an exception's message says what was wrong and what was expected. */
public final class Messages {
    private Messages() {
    }

    /** Asserts that the message of {@code e} contains every one of {@code parts}. */
    public static void assertMessage(Throwable e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage() != null && e.getMessage().contains(p),
                    "message should contain \"" + p + "\" but was: " + e.getMessage());
        }
    }
}
