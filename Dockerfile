# The etcd-sop worker. Build context: the repository root (see .dockerignore).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -DskipTests package

FROM eclipse-temurin:17-jre
COPY --from=build /src/worker/target/etcd-sop-worker.jar /app/etcd-sop-worker.jar
ENTRYPOINT ["java", "-jar", "/app/etcd-sop-worker.jar"]
