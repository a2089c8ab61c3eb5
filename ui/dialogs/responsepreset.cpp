#include "responsepreset.h"

namespace {

ResponseSpec spec(int status, HeaderList headers, QByteArray body, int delayMs = 0) {
    ResponseSpec response;
    response.status = status;
    response.headers = std::move(headers);
    response.body = std::move(body);
    response.delayMs = delayMs;
    return response;
}

} // namespace

const QList<ResponsePreset> &ResponsePreset::all() {
    static const QList<ResponsePreset> presets = [] {
        const HeaderList text{{"Content-Type", "text/plain; charset=utf-8"}};
        QList<ResponsePreset> list;
        list.append({QStringLiteral("200 OK with a JSON body (the default)"), ResponseSpec()});
        list.append({QStringLiteral("202 Accepted, no body"), spec(202, {}, {})});
        list.append({QStringLiteral("204 No Content"), spec(204, {}, {})});
        list.append({QStringLiteral("500 Internal Server Error: Mews sends it again"),
                     spec(500, text, "simulated failure\n")});
        list.append({QStringLiteral("503 Service Unavailable: Mews sends it again"),
                     spec(503, HeaderList{text.constFirst(), {"Retry-After", "120"}},
                          "simulated outage\n")});
        ResponseSpec slow;
        slow.delayMs = 6000;
        list.append({QStringLiteral("200 OK after 6 s: too late for Mews, sent again"), slow});
        return list;
    }();
    return presets;
}

int ResponsePreset::indexOf(const ResponseSpec &response) {
    const QList<ResponsePreset> &presets = all();
    for (qsizetype i = 0; i < presets.size(); ++i) {
        if (presets.at(i).response == response)
            return int(i);
    }
    return -1;
}
