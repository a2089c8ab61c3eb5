#include "jsonformatter.h"

namespace {

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

} // namespace

QByteArray JsonFormatter::indent(QByteArrayView json, int width) {
    QByteArray out;
    out.reserve(json.size() + json.size() / 2);
    qsizetype depth = 0;
    const auto newline = [&out, &depth, width] {
        out += '\n';
        out.append(depth * width, ' ');
    };
    const qsizetype size = json.size();
    for (qsizetype i = 0; i < size; ++i) {
        const char c = json.at(i);
        if (c == '"') {
            // Copy the string with its escapes, byte for byte, up to its closing quote.
            const qsizetype start = i++;
            while (i < size && json.at(i) != '"')
                i += json.at(i) == '\\' ? 2 : 1;
            out += json.sliced(start, qMin(i, size - 1) - start + 1);
            continue;
        }
        if (isSpace(c))
            continue;
        switch (c) {
        case '{':
        case '[': {
            qsizetype next = i + 1;
            while (next < size && isSpace(json.at(next)))
                ++next;
            const char close = c == '{' ? '}' : ']';
            if (next < size && json.at(next) == close) {
                out += c;
                out += close;
                i = next;
                break;
            }
            out += c;
            ++depth;
            newline();
            break;
        }
        case '}':
        case ']':
            depth = qMax<qsizetype>(0, depth - 1);
            newline();
            out += c;
            break;
        case ',':
            out += c;
            newline();
            break;
        case ':':
            out += ": ";
            break;
        default:
            out += c;
        }
    }
    return out;
}
