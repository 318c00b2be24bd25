"""The REST API: FastAPI over the service use cases (`web.app.create_app`)."""
