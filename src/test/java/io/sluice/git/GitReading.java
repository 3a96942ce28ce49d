package io.sluice.git;

import io.sluice.model.RolloutFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;

/** Reads files the way the daemon does: as blobs of a commit tree, through {@link SnapshotReader}. */
public final class GitReading {
    private GitReading() {
    }

    /** The rollouts and problems of {@code files} (name to bytes) committed under {@code rollouts/}. */
    public static RolloutFiles.Result read(Map<String, byte[]> files) {
        try (InMemoryRepository repo = new InMemoryRepository(new DfsRepositoryDescription("reading"));
             ObjectInserter inserter = repo.newObjectInserter();
             ObjectReader reader = repo.newObjectReader();
             RevWalk walk = new RevWalk(reader)) {
            TreeFormatter folder = new TreeFormatter();
            for (Map.Entry<String, byte[]> file : new TreeMap<>(files).entrySet()) {
                folder.append(file.getKey(), FileMode.REGULAR_FILE, inserter.insert(Constants.OBJ_BLOB, file.getValue()));
            }
            ObjectId folderId = inserter.insert(folder);
            TreeFormatter root = new TreeFormatter();
            root.append("rollouts", FileMode.TREE, folderId);
            ObjectId rootId = inserter.insert(root);
            inserter.flush();
            RevTree tree = walk.parseTree(rootId);
            SnapshotReader.Read read = new SnapshotReader("rollouts").read(reader, tree, rootId.name());
            return new RolloutFiles.Result(read.rollouts(), read.problems(), files.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
