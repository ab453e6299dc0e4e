#!/bin/sh
# Makes the api bundle as it builds now the new API baseline: builds it, puts it into this file repository under
# the given version (removing the old one) and points the root pom's flow.api.baseline.version at it.
# Run it after an intended change whose package versions are bumped, e.g.:
#   bundles/api/baseline/refresh.sh 0.1.0-baseline-2
# Needs no network, but Maven cannot deploy in offline mode: run it without -o.
set -eu
version=${1:?usage: bundles/api/baseline/refresh.sh <new baseline version, e.g. 0.1.0-baseline-2>}
root=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$root"
mvn -B -q -pl bundles/api -DskipTests package
jar=$(ls bundles/api/target/io.flowmqtt.api-*.jar | grep -v -e '-sources' -e '-javadoc' | head -n 1)
# a pom of its own, without the project's parent: the jar's embedded pom names a SNAPSHOT parent
pom=$(mktemp)
trap 'rm -f "$pom"' EXIT
cat > "$pom" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>io.flowmqtt</groupId>
  <artifactId>io.flowmqtt.api</artifactId>
  <version>$version</version>
  <description>The API baseline that bnd-baseline-maven-plugin compares the api bundle with.</description>
</project>
POM
rm -rf bundles/api/baseline/io
mvn -B -q -N deploy:deploy-file -Dfile="$jar" -DpomFile="$pom" -DrepositoryId=flow-api-baseline \
    -Durl="file://$root/bundles/api/baseline"
sed -i.bak "s|<flow.api.baseline.version>[^<]*</flow.api.baseline.version>|<flow.api.baseline.version>$version</flow.api.baseline.version>|" pom.xml
rm pom.xml.bak
echo "API baseline is now io.flowmqtt.api:$version (bundles/api/baseline/); commit bundles/api/baseline/ and pom.xml"
