package io.sluice.api;

import io.sluice.reconcile.RolloutBoard;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** {@code /api/rollouts}: the rollout board as JSON, read-only. */
@Path("/api/rollouts")
@Produces(MediaType.APPLICATION_JSON)
public class RolloutResource {
    private final RolloutBoard board;

    public RolloutResource(RolloutBoard board) {
        this.board = board;
    }

    /** The error body of an unknown rollout. */
    public record NotFound(String error, String rollout) {
    }

    @GET
    public List<RolloutView> list() {
        return RolloutViews.list(board.picture());
    }

    @GET
    @Path("{name}")
    public Response one(@PathParam("name") String name) {
        return RolloutViews.detail(board.picture(), name)
                .map(d -> Response.ok(d).build())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON)
                        .entity(new NotFound("no rollout named '" + name + "' on the board", name)).build());
    }
}
