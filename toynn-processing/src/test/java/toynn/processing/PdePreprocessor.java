package toynn.processing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few rewrites Processing's preprocessor makes to turn a {@code .pde} sketch into Java, enough
 * for the bundled examples: hoist the imports and add Processing's default ones, wrap the rest in
 * {@code public class Name extends PApplet}, move {@code size(...)} from {@code setup()} into
 * {@code settings()}, make the callbacks ({@code setup}, {@code draw}, {@code keyPressed}, …)
 * public, turn decimal literals into float literals ({@code 0.5} → {@code 0.5f}) and the
 * {@code color} type into {@code int}. Strings and comments are left alone.
 *
 * <p>Not covered (the examples do not use them): {@code int(x)}/{@code float(x)} conversions,
 * {@code #ff0000} colour literals, static mode sketches, several tabs.
 */
final class PdePreprocessor {

    /** The imports Processing adds to every sketch. */
    static final List<String> DEFAULT_IMPORTS = List.of(
            "import processing.core.*;",
            "import processing.data.*;",
            "import processing.event.*;",
            "import processing.opengl.*;",
            "import java.util.HashMap;",
            "import java.util.ArrayList;",
            "import java.io.File;",
            "import java.io.BufferedReader;",
            "import java.io.PrintWriter;",
            "import java.io.InputStream;",
            "import java.io.OutputStream;",
            "import java.io.IOException;");

    private static final Pattern IMPORT = Pattern.compile("(?m)^[ \\t]*import\\s+(static\\s+)?[\\w.]+(\\.\\*)?\\s*;[ \\t]*\\R?");
    private static final Pattern CALLBACK = Pattern.compile("(?m)^([ \\t]*)void(\\s+(?:setup|draw|settings|keyPressed"
            + "|keyReleased|keyTyped|mousePressed|mouseReleased|mouseClicked|mouseDragged|mouseMoved|mouseWheel"
            + "|mouseEntered|mouseExited)\\s*\\()");
    private static final Pattern SIZE_CALL = Pattern.compile("(?m)^[ \\t]*(size\\s*\\([^;]*\\)\\s*;)[ \\t]*\\R?");
    private static final Pattern NUMBER = Pattern.compile(
            "0[xX][0-9a-fA-F_]+[lL]?"
            + "|\\d[\\d_]*\\.\\d[\\d_]*(?:[eE][+-]?\\d+)?[fFdD]?"     // 1.5, 1.5e3, 1.5d
            + "|\\d[\\d_]*\\.(?:[eE][+-]?\\d+)?[fFdD]?(?![\\w$])"      // 1. (not a[1].length)
            + "|\\.\\d[\\d_]*(?:[eE][+-]?\\d+)?[fFdD]?"                  // .5
            + "|\\d[\\d_]*[eE][+-]?\\d+[fFdD]?"                       // 1e3
            + "|\\d[\\d_]*[lLfFdD]?");                                 // 1, 1L
    private static final Pattern COLOR_TYPE = Pattern.compile("\\bcolor\\b(?!\\s*\\()");

    private PdePreprocessor() {
    }

    /** The Java source of sketch {@code className} written as {@code pde}. */
    static String toJava(String className, String pde) {
        String code = rewriteCode(pde.replace("\r\n", "\n"));

        List<String> imports = new ArrayList<>(DEFAULT_IMPORTS);
        Matcher im = IMPORT.matcher(code);
        StringBuilder body = new StringBuilder();
        while (im.find()) {
            imports.add(im.group().trim());
            im.appendReplacement(body, "\n");   // keep line numbers close to the .pde's
        }
        im.appendTail(body);
        code = body.toString();

        String settings = "";
        if (!code.contains("void settings(")) {
            Matcher size = SIZE_CALL.matcher(code);
            if (size.find()) {
                settings = "\n  public void settings() { " + size.group(1) + " }\n";
                code = code.substring(0, size.start()) + "\n" + code.substring(size.end());
            }
        }
        code = CALLBACK.matcher(code).replaceAll("$1public void$2");

        StringBuilder java = new StringBuilder();
        for (String i : imports) {
            java.append(i).append('\n');
        }
        java.append("\npublic class ").append(className).append(" extends PApplet {\n")
                .append(code).append(settings).append("}\n");
        return java.toString();
    }

    /** Rewrites literals and the {@code color} type in code, skipping strings, chars and comments. */
    static String rewriteCode(String src) {
        StringBuilder out = new StringBuilder(src.length() + 64);
        StringBuilder codeRun = new StringBuilder();
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            int end;
            if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
                end = src.indexOf('\n', i);
                end = end < 0 ? n : end;
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
                end = src.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
            } else if (c == '"' || c == '\'') {
                end = i + 1;
                while (end < n && src.charAt(end) != c && src.charAt(end) != '\n') {
                    end += src.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(end + 1, n);
            } else {
                codeRun.append(c);
                i++;
                continue;
            }
            out.append(rewriteCodeRun(codeRun.toString()));
            codeRun.setLength(0);
            out.append(src, i, end);
            i = end;
        }
        out.append(rewriteCodeRun(codeRun.toString()));
        return out.toString();
    }

    private static String rewriteCodeRun(String code) {
        StringBuilder out = new StringBuilder(code.length() + 16);
        Matcher m = NUMBER.matcher(code);
        int last = 0;
        while (m.find()) {
            int s = m.start();
            if (s > 0 && (Character.isJavaIdentifierPart(code.charAt(s - 1)))) {
                continue;   // a digit inside a name such as x1
            }
            String lit = m.group();
            boolean hex = lit.startsWith("0x") || lit.startsWith("0X");
            boolean decimal = !hex && (lit.indexOf('.') >= 0 || lit.indexOf('e') >= 0 || lit.indexOf('E') >= 0);
            char suffix = Character.toLowerCase(lit.charAt(lit.length() - 1));
            out.append(COLOR_TYPE.matcher(code.substring(last, s)).replaceAll("int"));
            out.append(lit);
            if (decimal && suffix != 'f' && suffix != 'd') {
                out.append('f');
            }
            last = m.end();
        }
        out.append(COLOR_TYPE.matcher(code.substring(last)).replaceAll("int"));
        return out.toString();
    }
}
