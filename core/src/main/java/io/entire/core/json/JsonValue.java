package io.entire.core.json;

/** A JSON value that keeps what Go-written metadata needs to survive a rewrite: key order and number text. */
public sealed interface JsonValue permits JsonObject, JsonArray, JsonString, JsonNumber, JsonBoolean, JsonNull {
}
