package io.sluice.git.servers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A person's working copy: edits files, commits and pushes with the git CLI. */
public final class UserClone {
    private final Path dir;

    public UserClone(Path parent, String url) throws IOException {
        this.dir = Files.createTempDirectory(parent, "user");
        GitCli.run(dir, "clone", "-q", "--branch", "main", url, ".");
    }

    public Path dir() {
        return dir;
    }

    public UserClone write(String path, String text) throws IOException {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return this;
    }

    public String commit(String message) {
        GitCli.run(dir, "add", "-A");
        GitCli.run(dir, "commit", "-q", "-m", message);
        return GitCli.run(dir, "rev-parse", "HEAD");
    }

    public void push() {
        GitCli.run(dir, "push", "-q", "origin", "HEAD:main");
    }

    public void forcePush() {
        GitCli.run(dir, "push", "-q", "--force", "origin", "HEAD:main");
    }

    public void pull() {
        GitCli.run(dir, "pull", "-q", "--rebase", "origin", "main");
    }

    public String git(String... args) {
        return GitCli.run(dir, args);
    }
}
