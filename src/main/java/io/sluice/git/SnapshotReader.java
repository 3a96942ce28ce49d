package io.sluice.git;

import io.sluice.model.Problem;
import io.sluice.model.Rollout;
import io.sluice.model.RolloutFiles;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Reads the rollout files of one commit tree. Files are parsed again only when their blob changed,
 * so a commit that touches one file of a thousand costs one parse.
 */
final class SnapshotReader {
    private final String folder;
    private Map<String, Parsed> parsed = new HashMap<>();

    /** The parse of one blob at one path. */
    private record Parsed(ObjectId blob, RolloutFiles.FileResult result) {
    }

    /** The rollouts and problems of a tree, and the id of its rollouts folder (empty when it is missing). */
    record Read(List<Rollout> rollouts, List<Problem> problems, Optional<ObjectId> folderTree) {
    }

    SnapshotReader(String folder) {
        this.folder = folder.replaceAll("^/+|/+$", "");
    }

    /** The id of the rollouts folder in {@code tree}: equal ids mean equal desired state. */
    Optional<ObjectId> folderTree(ObjectReader reader, RevTree tree) throws IOException {
        if (folder.isEmpty()) {
            return Optional.of(tree.getId());
        }
        try (TreeWalk walk = TreeWalk.forPath(reader, folder, tree)) {
            if (walk == null || walk.getFileMode(0) != FileMode.TREE) {
                return Optional.empty();
            }
            return Optional.of(walk.getObjectId(0));
        }
    }

    Read read(ObjectReader reader, RevTree tree, String commit) throws IOException {
        Optional<ObjectId> folderTree = folderTree(reader, tree);
        if (folderTree.isEmpty()) {
            parsed = new HashMap<>();
            return new Read(List.of(), List.of(new Problem(folder + "/", 1, 1, "",
                    "folder " + folder + "/ does not exist at commit " + commit.substring(0, 7)
                            + "; check sluice.git.rollouts-folder")), folderTree);
        }
        Map<String, Parsed> next = new HashMap<>();
        Map<String, RolloutFiles.FileResult> byPath = new LinkedHashMap<>();
        try (TreeWalk walk = new TreeWalk(reader)) {
            walk.addTree(folderTree.get());
            walk.setRecursive(true);
            while (walk.next()) {
                String path = walk.getPathString();
                if (!(path.endsWith(".yaml") || path.endsWith(".yml")) || !walk.getFileMode(0).equals(FileMode.REGULAR_FILE)) {
                    continue;
                }
                String shown = folder.isEmpty() ? path : folder + "/" + path;
                ObjectId blob = walk.getObjectId(0);
                Parsed before = parsed.get(shown);
                Parsed now = before != null && before.blob().equals(blob) ? before : new Parsed(blob, parse(reader, blob, shown));
                next.put(shown, now);
                byPath.put(shown, now.result());
            }
        }
        parsed = next;
        return withoutDuplicateNames(byPath, folderTree);
    }

    private static RolloutFiles.FileResult parse(ObjectReader reader, ObjectId blob, String shown) throws IOException {
        ObjectLoader loader = reader.open(blob, Constants.OBJ_BLOB);
        if (loader.getSize() > RolloutFiles.MAX_FILE_BYTES) {
            return RolloutFiles.tooLarge(shown, loader.getSize());
        }
        return RolloutFiles.read(loader.getBytes(), shown);
    }

    private static Read withoutDuplicateNames(Map<String, RolloutFiles.FileResult> byPath, Optional<ObjectId> folderTree) {
        RolloutFiles.Result combined = RolloutFiles.combine(byPath);
        return new Read(combined.rollouts(), combined.problems(), folderTree);
    }
}
