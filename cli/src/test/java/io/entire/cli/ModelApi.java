package io.entire.cli;

import com.sun.net.httpserver.HttpExchange;
import io.entire.core.json.JsonObject;
import java.io.IOException;

/** One model API that a {@link LoopbackModelServer} serves: which paths are its, its error body, its answers. */
interface ModelApi {
    /** The paths it serves, as the not-found error names them. */
    String routes();

    /** Whether a {@code POST} to {@code path} is this API's; anything else is not found. */
    boolean serves(String path);

    /** The status the API answers a request over the server's limit with. */
    int overLimitStatus();

    /** The API's error body. */
    JsonObject error(int status, String message);

    /** Answers a request it serves whose body is a JSON object. */
    void answer(HttpExchange exchange, ModelRequest request, LoopbackModelServer server) throws IOException;
}
