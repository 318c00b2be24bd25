"""Use cases: what people do with the engine, given the store, the actor and the moment."""
