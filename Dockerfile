# papersearch: multi-stage build. Stage 1 builds the jar and fetches the model weights from Maven
# Central; stage 2 is a plain Temurin JRE with the jar, its libraries and the models, run as a
# non-root user. The non-Docker path in the README is the primary one; this file mirrors it.

FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY models models
# Dependencies and model weights first, so source edits do not re-download them.
RUN ./mvnw -B -q -DskipTests generate-resources dependency:resolve
COPY src src
RUN ./mvnw -B -q -DskipTests package

FROM eclipse-temurin:21-jre
RUN useradd --create-home --uid 10001 papersearch \
 && mkdir -p /app/index \
 && chown papersearch:papersearch /app/index
WORKDIR /app
COPY --from=build /src/target/papersearch.jar /app/papersearch.jar
COPY --from=build /src/target/lib /app/lib
COPY --from=build /src/models /app/models
USER papersearch
# The container's own settings as environment variables, not CMD flags: a flag would beat anything
# a user passes with -e PAPERSEARCH_* (flags > environment > config file). A mounted config file
# (-e PAPERSEARCH_CONFIG=...) sets everything else.
ENV PAPERSEARCH_MODELS=/app/models PAPERSEARCH_HOST=0.0.0.0 PAPERSEARCH_INDEX=/app/index
VOLUME /app/index
EXPOSE 7070
# bash's /dev/tcp: no curl needed in the image.
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/${PAPERSEARCH_PORT:-7070} && printf "GET /health HTTP/1.0\r\n\r\n" >&3 && grep -q "\"status\":\"ok\"" <&3'
# The same JVM flags as ./papersearch and the README.
ENTRYPOINT ["java", "-Xms512m", "-Xmx2g", "-XX:+UseG1GC", "-Dai.djl.offline=true", "-Dfile.encoding=UTF-8", \
            "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector", \
            "-jar", "/app/papersearch.jar"]
CMD ["serve"]
