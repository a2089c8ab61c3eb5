#pragma once

#include "session/analysedcapture.h"
#include "session/deliveryhistory.h"

#include <QWidget>

class QFormLayout;
class QLabel;
class QScrollArea;
class QVBoxLayout;

/**
 * The Overview tab: what a capture is and how it arrived, as selectable plain
 * text: kind and why, summary, times, peer, connection, request line, body,
 * the rejection (prominent), the response sent and the contract counts.
 */
class OverviewTab : public QWidget {
    Q_OBJECT

public:
    explicit OverviewTab(QWidget *parent = nullptr);

    /// The names this session's Integration webhooks gave the capture's enterprise and
    /// integration: a General webhook carries only their ids.
    struct SessionNames {
        QString enterprise;
        QString integration;
        friend bool operator==(const SessionNames &, const SessionNames &) = default;
    };

    /// deliveries: those of the message the capture carries (a Deliveries section when
    /// known, with links to the other captures).
    void setCapture(const AnalysedCapture &capture, bool secretsRevealed,
                    const DeliveryHistory &deliveries = {}, const SessionNames &names = {});
    void showMessage(const QString &message);

    /// Every label and value shown, "Label: value" per line (for tests and copying).
    QString text() const;
    QString rejectionText() const;

Q_SIGNALS:
    /// A link to another capture (another delivery of the message) was followed.
    void captureRequested(qint64 captureId);

private:
    void addSection(const QString &title);
    void addRow(const QString &label, const QString &value);
    void addDeliveries(const DeliveryHistory &history);
    void reset();
    /// Puts the rows built since reset() on screen in place of the ones shown.
    void showRows();

    QScrollArea *m_scroll;
    QWidget *m_content;
    QVBoxLayout *m_contentLayout;
    QWidget *m_rows = nullptr;     ///< the rows on screen
    QWidget *m_building = nullptr; ///< the rows being built, not parented until shown
    QFormLayout *m_form = nullptr; ///< m_building's
    QLabel *m_banner;
    QLabel *m_bannerIcon;
    QWidget *m_bannerBox;
    QLabel *m_message;
    QStringList m_lines;
};
