#pragma once

#include <QString>

class DeliveryTracker;

/**
 * What a session file already holds, told to a DeliveryTracker, so that a headless run
 * recording into an existing file numbers a message sent again across runs, as the
 * window numbers it (DeliveryIndex) when it opens the file.
 */
class EarlierDeliveries {
public:
    /**
     * Notes the file's last tracker.capacity() captures, oldest first, as the window would
     * count them: by method, path and body digest. A capture whose analysis carries no
     * digest (written before digests were stored, or not analysed yet) is digested from
     * its body. Returns how many captures were noted, or -1 with *error.
     */
    static qint64 feed(const QString &path, DeliveryTracker &tracker, QString *error);
};
