package io.sluice.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rooms of the code and the doors between them, as {@code ../shared/style.md} and the package
 * docs describe them. A change that breaks one fails here with the class and the dependency that
 * crossed, rather than in a review.
 */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java");
    private static JavaClasses main;

    @BeforeAll
    static void importMain() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.sluice");
    }

    @Test
    void thePlannerImportsOnlyTheModelAndTheTrafficPort() {
        classes().that().resideInAPackage("io.sluice.plan..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.sluice.plan..", "io.sluice.model..",
                        "io.sluice.traffic..", "java..")
                .check(main);
    }

    @Test
    void theTrafficPortImportsOnlyTheModel() {
        classes().that().resideInAPackage("io.sluice.traffic..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.sluice.traffic..", "io.sluice.model..", "java..")
                .check(main);
    }

    @Test
    void theModelImportsNoOtherPartOfSluice() {
        noClasses().that().resideInAPackage("io.sluice.model..")
                .should().dependOnClassesThat(sluiceOutside("io.sluice.model"))
                .check(main);
    }

    @Test
    void theAwsAdaptersNeverReachUpIntoThePlannerTheLoopOrTheCommands() {
        noClasses().that().resideInAPackage("io.sluice.aws..")
                .should().dependOnClassesThat().resideInAnyPackage("io.sluice.plan..", "io.sluice.reconcile..",
                        "io.sluice.cli..")
                .check(main);
    }

    @Test
    void theSimulatorUsesNothingOfSluiceOutsideItself() {
        noClasses().that().resideInAPackage("io.sluice.sim..")
                .should().dependOnClassesThat(sluiceOutside("io.sluice.sim"))
                .check(main);
    }

    /** Classes of sluice outside {@code room} and its sub-packages. */
    private static DescribedPredicate<JavaClass> sluiceOutside(String room) {
        return DescribedPredicate.describe("are sluice classes outside " + room, c -> c.getPackageName().startsWith("io.sluice")
                && !(c.getPackageName().equals(room) || c.getPackageName().startsWith(room + ".")));
    }

    @Test
    void noCyclesBetweenPackages() {
        slices().matching("io.sluice.(*)..").should().beFreeOfCycles().check(main);
    }

    /** A name written out in full hides the dependency from the import lines, where a reader looks for it. */
    @Test
    void noSluiceNameIsWrittenOutInsideTheCode() throws IOException {
        Pattern inline = Pattern.compile("\\bio\\.sluice(\\.[a-z0-9]+)+\\.[A-Z]");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    String code = codeOf(lines.get(i));
                    Matcher m = inline.matcher(code);
                    if (m.find()) {
                        found.add(MAIN.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).trim());
                    }
                }
            }
        }
        assertEquals(List.of(), found, "import these names instead of writing them out");
    }

    /** The line without package and import lines, comments and string literals. */
    static String codeOf(String line) {
        String t = line.trim();
        if (t.startsWith("package ") || t.startsWith("import ") || t.startsWith("*") || t.startsWith("/*")
                || t.startsWith("//")) {
            return "";
        }
        String noStrings = line.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
        int comment = noStrings.indexOf("//");
        return comment >= 0 ? noStrings.substring(0, comment) : noStrings;
    }
}
