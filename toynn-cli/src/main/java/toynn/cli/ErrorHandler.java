package toynn.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;
import toynn.TrainingDivergedException;

/**
 * Turns every failure into one line on stderr — what went wrong and how to fix it — and exit code
 * {@link Main#EXIT_ERROR}. The stack trace follows only with {@code --debug}.
 */
final class ErrorHandler implements IParameterExceptionHandler, IExecutionExceptionHandler {
    private final Main main;

    ErrorHandler(Main main) {
        this.main = main;
    }

    /** Bad command line: unknown command or option, missing or malformed value. */
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String name = cmd.getCommandSpec().qualifiedName();
        List<String> unmatched = List.of();
        UnmatchedArgumentException u = null;
        if (ex instanceof UnmatchedArgumentException e) {
            u = e;
            unmatched = e.getUnmatched();
        } else if (ex.getArgSpec() == null && ex.getValue() != null && !cmd.getSubcommands().isEmpty()
                && String.valueOf(ex.getMessage()).startsWith("Unknown subcommand '")) {
            unmatched = List.of(ex.getValue());               // picocli's `help NAME`: answered as `toynn NAME` is
            u = new UnmatchedArgumentException(cmd, unmatched);
        } else if (cmd.getParseResult() != null && !cmd.getParseResult().unmatched().isEmpty()) {
            unmatched = cmd.getParseResult().unmatched();   // report an unknown option before a missing one
            u = new UnmatchedArgumentException(cmd, unmatched);
        }
        StringBuilder line = new StringBuilder();
        if (!unmatched.isEmpty() && unmatched.get(0).startsWith("-")) {
            line.append("unknown option '").append(unmatched.get(0)).append("' for '").append(name).append('\'');
        } else if (!unmatched.isEmpty() && !cmd.getSubcommands().isEmpty()) {
            line.append("unknown command '").append(unmatched.get(0)).append("'; the commands are ")
                    .append(String.join(", ", cmd.getSubcommands().keySet()));
        } else {
            line.append(oneLine(ex.getMessage()));
        }
        List<String> suggestions = u == null ? List.of() : u.getSuggestions();
        if (!suggestions.isEmpty()) {
            line.append("; did you mean ").append(String.join(" or ", suggestions.stream()
                    .map(s -> "'" + s + "'").toList())).append('?');
        }
        line.append("; run '").append(name).append(" --help' to see what it accepts");
        report(line.toString(), ex, Arrays.asList(args).contains("--debug"));
        return Main.EXIT_ERROR;
    }

    /** A command failed while running. */
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        report(describe(ex), ex, main.debug() || parseResult.originalArgs().contains("--debug"));
        return Main.EXIT_ERROR;
    }

    /** The heap ran out (sizes too large for this Java): one line, not the JVM's stack trace and exit code 1. */
    int handleOutOfMemory(OutOfMemoryError e, String[] args) {
        report(describe(e), e, main.debug() || Arrays.asList(args).contains("--debug"));
        return Main.EXIT_ERROR;
    }

    private void report(String message, Throwable ex, boolean debug) {
        PrintStream err = main.err();
        err.println("toynn: " + message);
        if (debug) {
            ex.printStackTrace(err);
        }
        err.flush();
    }

    /** The one-line message for an exception: what went wrong and, where known, how to fix it. */
    static String describe(Throwable ex) {
        if (ex instanceof UncheckedIOException u && u.getCause() != null) {
            return describe(u.getCause());
        }
        if (ex instanceof CliException || ex instanceof TrainingDivergedException) {
            return oneLine(ex.getMessage());
        }
        if (ex instanceof NoSuchFileException e) {
            return "cannot read " + e.getFile() + ": no such file or directory; check the path";
        }
        if (ex instanceof AccessDeniedException e) {
            return "cannot access " + e.getFile() + ": permission denied; choose a path you may read and write";
        }
        if (ex instanceof NotDirectoryException e) {
            return e.getFile() + " is not a directory; give a directory path";
        }
        if (ex instanceof FileAlreadyExistsException e && e.getReason() == null) {     // from creating a folder
            return "cannot use " + e.getFile() + ": it is a file, where a directory is needed; give a directory path";
        }
        if (ex instanceof FileSystemException e) {
            return "cannot use " + e.getFile() + ": " + (e.getReason() == null ? e.getClass().getSimpleName() : e.getReason());
        }
        if (ex instanceof IOException) {
            return "input/output error: " + oneLine(String.valueOf(ex.getMessage()));
        }
        if (ex instanceof IllegalArgumentException || ex instanceof IllegalStateException
                || ex instanceof UnsupportedOperationException) {
            return oneLine(String.valueOf(ex.getMessage()));
        }
        if (ex instanceof OutOfMemoryError) {
            return "out of memory (" + oneLine(String.valueOf(ex.getMessage())) + "): the network, data or population is "
                    + "too large for this Java; use smaller sizes (--layers, --batch, --population) or give Java more "
                    + "memory (java -Xmx…)";
        }
        return "internal error (" + oneLine(String.valueOf(ex)) + "); this is a bug in ToyNN — run again with --debug "
                + "and report the stack trace";
    }

    /** Folds a message onto one line, dropping the JSON parser's advice meant for programmers. */
    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        return s.replaceAll("\\b(?:[a-z]\\w*\\.)+[A-Z]\\w*(?:Exception|Error): ", "")   // class names mean nothing to users
                .replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON ", "malformed JSON ")
                .replaceAll("; ?See https://github\\.com/google/gson/[^\\s)]*", "")
                .strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
