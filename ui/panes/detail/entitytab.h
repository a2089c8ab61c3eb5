#pragma once

#include "copysource.h"
#include "models/entityformmodel.h"
#include "models/findingindex.h"
#include "models/jsonbody.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QStringListModel;
class QTreeView;
class SeverityDecoration;

/**
 * The Entity tab: one event, embedded entity or Integration webhook Data of the
 * capture as a labelled, typed form (EntityFormModel), picked from a list when the
 * capture has several. Invalid fields carry an icon and a tint; Ids of entities the
 * session has seen are links.
 */
class EntityTab : public QWidget, public CopySource {
    Q_OBJECT

public:
    explicit EntityTab(QWidget *parent = nullptr);

    /// Lists what the capture holds and shows the first (or nothing, with `why`).
    void setCapture(const JsonBody &json, const MewsAnalysis &analysis,
                    const FindingIndex &findings);
    void showMessage(const QString &message);
    void selectEvent(int eventIndex);
    void selectEntity(int entityIndex);
    /// How many events/entities/Data the list offers.
    int subjectCount() const;

    const EntityForm &form() const { return m_model->form(); }
    EntityFormModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    QString noticeText() const;
    QString titleText() const;

    void setLinkedIds(const QSet<QString> &ids);
    void setSecretsRevealed(bool revealed);
    /// The current field's text (its value, or the name of a group).
    bool canCopySelection() const override;
    void copySelection() override;

Q_SIGNALS:
    /// Another subject is shown: the pane refreshes links and history.
    void formChanged();
    /// A linked Id was clicked.
    void linkActivated(const QString &entityId, const QString &entityType);
    /// A row was double-clicked: show that path in the JSON tree.
    void pathActivated(const QString &path);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void pick(int comboIndex);
    void showForm(const EntityForm &form);
    void select(int kind, int index);

    struct Subject {
        int kind = 0;
        int index = 0;
    };

    JsonBody m_json;
    MewsAnalysis m_analysis;
    FindingIndex m_findings;
    QList<Subject> m_subjectList; ///< what each entry of m_subjects shows
    QStringListModel *m_subjectNames;
    QComboBox *m_subjects;
    QLabel *m_title;
    QLabel *m_notice;
    QLabel *m_noticeIcon;
    QTreeView *m_view;
    EntityFormModel *m_model;
    SeverityDecoration *m_decoration;
};
