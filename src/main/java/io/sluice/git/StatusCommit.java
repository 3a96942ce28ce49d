package io.sluice.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/** A status commit built in memory, without a work tree: only the files whose text changed. */
final class StatusCommit {
    private StatusCommit() {
    }

    record Built(ObjectId commit, List<String> changed) {
    }

    /** One commit on top of {@code base} that sets the files whose text differs; no commit when none does. */
    static Built build(Repository repo, Optional<ObjectId> base, Map<String, String> files, String summary,
            PersonIdent bot) throws IOException {
        try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader);
             ObjectInserter inserter = repo.newObjectInserter()) {
            RevCommit parent = base.isPresent() ? walk.parseCommit(base.get()) : null;
            DirCache index = DirCache.newInCore();
            DirCacheBuilder builder = index.builder();
            if (parent != null) {
                builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, parent.getTree());
            }
            builder.finish();
            DirCacheEditor editor = index.editor();
            List<String> changed = new ArrayList<>();
            ObjectInserter.Formatter ids = new ObjectInserter.Formatter();
            for (Map.Entry<String, String> file : files.entrySet()) {
                byte[] text = file.getValue().getBytes(StandardCharsets.UTF_8);
                ObjectId blob = ids.idFor(Constants.OBJ_BLOB, text);
                if (parent != null && blob.equals(blobAt(reader, parent, file.getKey()))) {
                    continue;
                }
                ObjectId inserted = inserter.insert(Constants.OBJ_BLOB, text);
                editor.add(new DirCacheEditor.PathEdit(file.getKey()) {
                    @Override
                    public void apply(DirCacheEntry entry) {
                        entry.setFileMode(FileMode.REGULAR_FILE);
                        entry.setObjectId(inserted);
                    }
                });
                changed.add(file.getKey());
            }
            if (changed.isEmpty()) {
                return new Built(null, List.of());
            }
            editor.finish();
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(index.writeTree(inserter));
            if (parent != null) {
                commit.setParentId(parent);
            }
            commit.setAuthor(bot);
            commit.setCommitter(bot);
            commit.setMessage(message(summary, changed));
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            return new Built(id, changed);
        }
    }

    private static ObjectId blobAt(ObjectReader reader, RevCommit commit, String path) throws IOException {
        try (TreeWalk walk = TreeWalk.forPath(reader, path, commit.getTree())) {
            return walk == null ? null : walk.getObjectId(0);
        }
    }

    /** {@code sluice: <summary> [skip ci]}, with the changed files listed in the body. */
    static String message(String summary, List<String> changed) {
        StringBuilder b = new StringBuilder("sluice: ").append(summary.isBlank() ? "update status" : summary.strip())
                .append(" [skip ci]\n\n");
        for (String file : changed) {
            b.append("- ").append(file).append('\n');
        }
        return b.toString();
    }
}
