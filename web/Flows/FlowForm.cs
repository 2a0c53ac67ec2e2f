using Consultant.Grains.Flows;

namespace Consultant.Web.Flows;

/// <summary>
/// A flow as the editor changes it: mutable steps and options, texts per language (empty = not written). The first
/// step of the list is where the flow starts. <see cref="ToDefinition"/> gives the service what it checks and saves.
/// </summary>
public sealed class FlowForm
{
    public Guid Id { get; init; }

    public string Name { get; set; } = string.Empty;

    public bool StartsForNewLeads { get; set; }

    public List<StepForm> Steps { get; init; } = [];

    public static FlowForm From(FlowDefinition flow) => new()
    {
        Id = flow.Id,
        Name = flow.Name,
        StartsForNewLeads = flow.StartsForNewLeads,
        // The first step first: the editor starts the flow at the top of the list.
        Steps = flow.Steps.OrderBy(s => s.Id == flow.StartStepId ? 0 : 1).Select(StepForm.From).ToList(),
    };

    public static FlowForm New(string name) => new()
    {
        Id = Guid.NewGuid(),
        Name = name,
        Steps = [new StepForm { Id = "question1", AnswerType = FlowAnswerType.FreeText }],
    };

    public FlowDefinition ToDefinition() =>
        new(Id, Name, StartsForNewLeads, Steps.FirstOrDefault()?.Id ?? string.Empty, Steps.Select(s => s.ToStep()).ToList());

    /// <summary>An id no step has yet: step2, step3 …</summary>
    public string FreeStepId()
    {
        for (var n = Steps.Count + 1; ; n++)
        {
            var id = "step" + n;
            if (Steps.All(s => s.Id != id))
            {
                return id;
            }
        }
    }

    /// <summary>A step's new id, followed by every answer leading to it.</summary>
    public void Rename(StepForm step, string newId)
    {
        var old = step.Id;
        newId = newId.Trim();
        step.Id = newId;
        foreach (var other in Steps)
        {
            other.Next = other.Next == old ? newId : other.Next;
            foreach (var option in other.Options.Where(o => o.Next == old))
            {
                option.Next = newId;
            }
        }
    }

    /// <summary>A step removed: what led to it now ends the flow.</summary>
    public void Remove(StepForm step)
    {
        Steps.Remove(step);
        foreach (var other in Steps)
        {
            other.Next = other.Next == step.Id ? null : other.Next;
            foreach (var option in other.Options.Where(o => o.Next == step.Id))
            {
                option.Next = null;
            }
        }
    }

    public void Move(StepForm step, int by)
    {
        var index = Steps.IndexOf(step);
        var to = Math.Clamp(index + by, 0, Steps.Count - 1);
        Steps.RemoveAt(index);
        Steps.Insert(to, step);
    }
}
