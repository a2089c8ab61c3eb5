#pragma once

#include "models/entityform.h"
#include "session/capturereader.h"

#include <QWidget>

class CaptureStore;
class EntityHistoryModel;
class QLabel;
class QTableView;

/**
 * The History tab: every appearance in the session of the entity the Entity tab
 * shows (for Integration webhook Data, every Integration webhook of that
 * integration). Opening a row asks to show that version.
 */
class HistoryTab : public QWidget {
    Q_OBJECT

public:
    explicit HistoryTab(QWidget *parent = nullptr);

    /// The history of the entity of `form`, seen from capture `captureId`.
    void setEntity(const CaptureStore &store, const EntityForm &form, qint64 captureId);
    void clear();

    int rowCount() const;
    QTableView *view() const { return m_view; }
    EntityHistoryModel *model() const { return m_model; }
    QString text() const;

Q_SIGNALS:
    void versionActivated(const QString &entityId, const EntityVersion &version);

private:
    EntityHistoryModel *m_model;
    QLabel *m_label;
    QTableView *m_view;
};
