FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY graph_identity ./graph_identity
COPY api ./api
COPY cypher ./cypher
RUN pip install --no-cache-dir . && useradd --system --uid 10001 app
USER app
EXPOSE 8000
CMD ["graph-identity", "serve", "--host", "0.0.0.0", "--port", "8000"]
