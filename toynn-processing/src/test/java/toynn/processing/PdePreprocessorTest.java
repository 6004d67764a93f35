package toynn.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The sketch-to-Java rewrites the example tests rely on. */
class PdePreprocessorTest {

    @Test
    void decimalLiteralsBecomeFloatsOutsideStringsAndComments() {
        String in = "float a = 0.5; float b = .25 * 2. + 1e3; double c = 1.5d; float d = 2.5f; int e = 7;\n"
                + "String s = \"0.5\"; char q = '1'; // 0.5 stays\n/* 3.25 stays */ float g = 3.25;";
        String out = PdePreprocessor.rewriteCode(in);
        assertEquals("float a = 0.5f; float b = .25f * 2.f + 1e3f; double c = 1.5d; float d = 2.5f; int e = 7;\n"
                + "String s = \"0.5\"; char q = '1'; // 0.5 stays\n/* 3.25 stays */ float g = 3.25f;", out);
    }

    @Test
    void memberAccessAfterAnIndexAndDigitsInNamesAreNotLiterals() {
        String in = "int n = inputs[0].length; float x1 = y2 * 0x1F; long big = 10L;";
        assertEquals(in, PdePreprocessor.rewriteCode(in));
    }

    @Test
    void colorTypeBecomesIntButColorCallsStay() {
        String out = PdePreprocessor.rewriteCode("color c = color(255, 0, 0); color[] cs; String s = \"color x\";");
        assertEquals("int c = color(255, 0, 0); int[] cs; String s = \"color x\";", out);
    }

    @Test
    void sketchIsWrappedWithSizeInSettingsAndPublicCallbacks() {
        String pde = "import toynn.*;\n\nNeuralNetwork nn;\n\nvoid setup() {\n  size(400, 300);\n  nn = null;\n}\n\n"
                + "void draw() {\n  background(0.5);\n}\n\nvoid keyPressed() {\n}\n\nvoid helper() {\n}\n";
        String java = PdePreprocessor.toJava("Demo", pde);
        assertTrue(java.startsWith("import processing.core.*;"), java);
        assertTrue(java.contains("import toynn.*;\n"), java);
        assertTrue(java.indexOf("import toynn.*;") < java.indexOf("public class Demo extends PApplet {"), java);
        assertTrue(java.contains("public void settings() { size(400, 300); }"), java);
        assertEquals(1, java.split("size\\(400, 300\\)", -1).length - 1, java);   // moved, not copied
        assertTrue(java.contains("public void setup() {"), java);
        assertTrue(java.contains("public void draw() {\n  background(0.5f);"), java);
        assertTrue(java.contains("public void keyPressed() {"), java);
        assertTrue(java.contains("\nvoid helper() {"), java);   // not a callback: left as written
        assertTrue(java.trim().endsWith("}"), java);
    }

    @Test
    void existingSettingsIsKept() {
        String java = PdePreprocessor.toJava("Demo", "void settings() {\n  size(200, 200);\n}\nvoid setup() {\n}\n");
        assertEquals(1, java.split("void settings\\(", -1).length - 1, java);
        assertTrue(java.contains("public void settings() {\n  size(200, 200);"), java);
    }
}
