/*
 * The floor row of the cold-start table: the least a Lambda custom runtime can do. It reads
 * AWS_LAMBDA_RUNTIME_API, then forever: GET /next, POST a fixed response for its request id. No runtime, no
 * allocation, one blocking socket per call. Whatever the harness measures for this program is the harness's
 * own cost (process spawn, loopback HTTP, the emulated Runtime API), to subtract from every other row.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

static struct sockaddr_in api;
static char host[64];

static int connect_api(void) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *)&api, sizeof api) != 0) { perror("connect"); exit(1); }
    return fd;
}

/* Reads one HTTP response: headers into buf (NUL-terminated), the body (Content-Length) consumed. */
static void read_response(int fd, char *buf, size_t size) {
    size_t used = 0;
    char *end = NULL;
    while (!end) {
        ssize_t n = read(fd, buf + used, size - used - 1);
        if (n <= 0) { fprintf(stderr, "read failed\n"); exit(1); }
        used += (size_t)n;
        buf[used] = 0;
        end = strstr(buf, "\r\n\r\n");
    }
    long length = 0;
    for (char *line = strstr(buf, "\r\n"); line && line < end; line = strstr(line + 2, "\r\n"))
        if (strncasecmp(line + 2, "content-length:", 15) == 0) length = strtol(line + 17, NULL, 10);
    size_t have = used - (size_t)(end + 4 - buf);
    char sink[4096];
    while ((long)have < length) {
        ssize_t n = read(fd, sink, sizeof sink);
        if (n <= 0) break;
        have += (size_t)n;
    }
    *end = 0;
}

int main(void) {
    const char *address = getenv("AWS_LAMBDA_RUNTIME_API");
    if (!address) { fprintf(stderr, "AWS_LAMBDA_RUNTIME_API is not set\n"); return 1; }
    snprintf(host, sizeof host, "%s", address);
    char *colon = strchr(host, ':');
    if (!colon) return 1;
    *colon = 0;
    api.sin_family = AF_INET;
    api.sin_port = htons((unsigned short)atoi(colon + 1));
    inet_pton(AF_INET, host, &api.sin_addr);
    static char buf[1 << 20];
    char request[512];
    const char *body = "{\"statusCode\":200,\"body\":\"floor\"}";
    for (;;) {
        int fd = connect_api();
        int n = snprintf(request, sizeof request, "GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: %s\r\n\r\n", address);
        if (write(fd, request, (size_t)n) != n) return 1;
        read_response(fd, buf, sizeof buf);
        char id[128] = {0};
        char *h = strcasestr(buf, "lambda-runtime-aws-request-id:");
        if (!h) { fprintf(stderr, "no request id\n"); return 1; }
        sscanf(h + 30, " %127[^\r\n]", id);
        close(fd);
        fd = connect_api();
        n = snprintf(request, sizeof request,
            "POST /2018-06-01/runtime/invocation/%s/response HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %zu\r\n\r\n%s",
            id, address, strlen(body), body);
        if (write(fd, request, (size_t)n) != n) return 1;
        read_response(fd, buf, sizeof buf);
        close(fd);
    }
}
