# kg: build the single binary, run it on a small image with the bundled examples.
#
#   docker build -t kg .
#   docker run --rm -p 8080:8080 kg serve --addr 0.0.0.0:8080 --load /srv/kg/examples
#
# The image's default store is the embedded one under /data; docker-compose.yml runs kg on
# PostgreSQL instead.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/kg ./cmd/kg

FROM debian:bookworm-slim
RUN useradd --system --home /srv/kg kg && mkdir -p /data /srv/kg && chown kg /data
COPY --from=build /out/kg /usr/local/bin/kg
COPY examples /srv/kg/examples
USER kg
WORKDIR /srv/kg
ENV KG_STORE=bolt:/data/kg.db
VOLUME /data
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s CMD ["kg", "health", "--url", "http://127.0.0.1:8080/healthz"]
ENTRYPOINT ["kg"]
CMD ["serve", "--addr", "0.0.0.0:8080", "--load", "/srv/kg/examples"]
