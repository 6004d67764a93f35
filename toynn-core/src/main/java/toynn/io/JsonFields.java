package toynn.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.StringReader;

/**
 * Typed access to parsed JSON (Gson's tree) for the model readers: every failure becomes a
 * {@link ModelFormatException} that names the field's path, what it held and what was expected.
 * Array lengths are checked before anything is allocated from them.
 */
public final class JsonFields {
    /** The largest number of values one weight array may hold. */
    public static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private JsonFields() {
    }

    /** Parses {@code json} strictly into an object. */
    public static JsonObject parseObject(String json, String what) {
        if (json == null) {
            throw new ModelFormatException(what + ": no JSON text (null)");
        }
        if (json.isBlank()) {
            throw new ModelFormatException(what + ": the text is empty; expected a JSON object (not valid JSON — "
                    + "the file may be truncated)");
        }
        JsonElement e;
        try {
            JsonReader reader = new JsonReader(new StringReader(json));
            reader.setStrictness(Strictness.STRICT);
            e = JsonParser.parseReader(reader);
            if (reader.peek() != com.google.gson.stream.JsonToken.END_DOCUMENT) {
                throw new ModelFormatException(what + ": unexpected text after the JSON object");
            }
        } catch (JsonParseException | java.io.IOException | IllegalStateException ex) {
            throw new ModelFormatException(what + ": not valid JSON (" + describe(ex)
                    + "); expected a complete JSON object — the file may be truncated or not a model file", ex);
        } catch (StackOverflowError ex) {
            throw new ModelFormatException(what + ": JSON nested too deeply", null);
        }
        if (e == null || !e.isJsonObject()) {
            throw new ModelFormatException(what + ": expected a JSON object at the top, got " + kind(e));
        }
        return e.getAsJsonObject();
    }

    /** Gson's message without its advice to parse leniently, which would not help a reader of this file. */
    private static String describe(Exception ex) {
        Throwable t = ex;
        while (t.getCause() != null && t.getCause() != t && t.getMessage() != null
                && t.getMessage().startsWith(t.getCause().getClass().getName())) {
            t = t.getCause();                              // unwrap "JsonSyntaxException: MalformedJsonException: ..."
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = m.indexOf('\n');
        if (nl >= 0) {
            m = m.substring(0, nl);                        // drop the troubleshooting link
        }
        return m.replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON", "malformed JSON")
                .trim();
    }

    /** The member {@code key}, which must exist. */
    public static JsonElement member(JsonObject o, String key, String where) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            throw new ModelFormatException(where + ": missing field \"" + key + "\"");
        }
        return e;
    }

    /** The object at {@code key}. */
    public static JsonObject object(JsonObject o, String key, String where) {
        JsonElement e = member(o, key, where);
        if (!e.isJsonObject()) {
            throw new ModelFormatException(where + "." + key + ": expected an object, got " + kind(e));
        }
        return e.getAsJsonObject();
    }

    /** The array at {@code key}. */
    public static JsonArray array(JsonObject o, String key, String where) {
        JsonElement e = member(o, key, where);
        if (!e.isJsonArray()) {
            throw new ModelFormatException(where + "." + key + ": expected an array, got " + kind(e));
        }
        return e.getAsJsonArray();
    }

    /** The string at {@code key}. */
    public static String string(JsonObject o, String key, String where) {
        JsonElement e = member(o, key, where);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new ModelFormatException(where + "." + key + ": expected a string, got " + kind(e));
        }
        return e.getAsString();
    }

    /** The finite number at {@code key}. */
    public static double number(JsonObject o, String key, String where) {
        return number(member(o, key, where), where + "." + key);
    }

    /** {@code e} as a finite number. */
    public static double number(JsonElement e, String where) {
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new ModelFormatException(where + ": expected a number, got " + kind(e));
        }
        double v;
        try {
            v = e.getAsDouble();
        } catch (NumberFormatException ex) {
            throw new ModelFormatException(where + ": '" + e.getAsString() + "' is not a number", ex);
        }
        if (!Double.isFinite(v)) {
            throw new ModelFormatException(where + ": " + v + " is not a finite number");
        }
        return v;
    }

    /** The whole number at {@code key}, within {@code [min, max]}. */
    public static int integer(JsonObject o, String key, String where, int min, int max) {
        return integer(member(o, key, where), where + "." + key, min, max);
    }

    /** {@code e} as a whole number within {@code [min, max]}. */
    public static int integer(JsonElement e, String where, int min, int max) {
        double v = number(e, where);
        if (v != Math.rint(v)) {
            throw new ModelFormatException(where + ": expected a whole number, got " + v);
        }
        if (v < min || v > max) {
            throw new ModelFormatException(where + ": " + wholeNumber(v) + " is out of range; expected " + min + " to "
                    + max);
        }
        return (int) v;
    }

    /** The whole number at {@code key} as a {@code long}, read exactly (no detour through double). */
    public static long longInteger(JsonObject o, String key, String where) {
        JsonElement e = member(o, key, where);
        double v = number(e, where + "." + key);
        if (v != Math.rint(v) || Math.abs(v) > 0x1p63) {
            throw new ModelFormatException(where + "." + key + ": expected a whole number that fits in 64 bits, got "
                    + e.getAsString());
        }
        try {
            return new java.math.BigDecimal(e.getAsString()).longValueExact();
        } catch (ArithmeticException | NumberFormatException ex) {
            throw new ModelFormatException(where + "." + key + ": expected a whole number that fits in 64 bits, got "
                    + e.getAsString(), ex);
        }
    }

    /** {@code v} written as a whole number when it is one (no "2.0E9"), else as it is. */
    private static String wholeNumber(double v) {
        return Math.abs(v) < 1e18 && v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * The array {@code a} read as exactly {@code expected} float32 values (length checked first).
     */
    public static float[] floats(JsonArray a, int expected, String where) {
        if (a.size() != expected) {
            throw new ModelFormatException(where + ": expected " + expected + " numbers, got " + a.size());
        }
        float[] out = new float[expected];
        for (int i = 0; i < expected; i++) {
            double v = number(a.get(i), where + "[" + i + "]");
            float f = (float) v;
            if (!Float.isFinite(f)) {
                throw new ModelFormatException(where + "[" + i + "]: " + v + " does not fit in float32");
            }
            out[i] = f;
        }
        return out;
    }

    /** A JSON array of float32 values (written with their shortest exact decimal form). */
    public static JsonArray toArray(float[] values) {
        JsonArray a = new JsonArray(values.length);
        for (float v : values) {
            a.add(new JsonPrimitive(v));
        }
        return a;
    }

    /** A short description of what {@code e} is, for messages. */
    public static String kind(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return "null";
        }
        if (e.isJsonObject()) {
            return "an object";
        }
        if (e.isJsonArray()) {
            return "an array";
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isString()) {
            String s = p.getAsString();
            return "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
        }
        if (p.isBoolean()) {
            return "the boolean " + p.getAsBoolean();
        }
        return "the number " + p.getAsString();
    }
}
