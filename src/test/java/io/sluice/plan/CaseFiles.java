package io.sluice.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** The files of one golden case directory, remembering which were read so that none lies unused. */
final class CaseFiles {
    private final Path dir;
    private final Set<Path> read = new HashSet<>();

    CaseFiles(Path dir) {
        this.dir = dir;
    }

    String name() {
        return dir.getFileName().toString();
    }

    /** A file the case must have. */
    String read(String relative, String what) {
        return readOptional(relative).orElseThrow(() -> new MissingFile(
                "case " + name() + " has no " + relative + " (" + what + ")"));
    }

    Optional<String> readOptional(String relative) {
        Path p = dir.resolve(relative);
        if (!Files.isRegularFile(p)) {
            return Optional.empty();
        }
        read.add(p.normalize());
        try {
            return Optional.of(Files.readString(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The regular files directly in {@code sub}, by name. */
    List<String> namesIn(String sub) {
        Path d = dir.resolve(sub);
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file of the case directory that was not read, relative to it. */
    List<String> unread() {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(Path::normalize).filter(p -> !read.contains(p))
                    .map(p -> dir.relativize(p).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final class MissingFile extends AssertionError {
        MissingFile(String message) {
            super(message);
        }
    }
}
