using System.Security.Cryptography;
using System.Text;
using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.Exercises.Domain;
using GymCoach.Data.Contracts;

namespace GymCoach.Exercises.Data;

/// <summary>Item ↔ <see cref="Exercise"/>, and the library's facet items (one per muscle and per piece of equipment).</summary>
public static class ExerciseMapper
{
    public const string Entity = EntityTypes.LibraryExercise;
    public const string FacetEntity = EntityTypes.LibraryExerciseFacet;
    public const string MuscleFacet = "MUSCLE";
    public const string EquipmentFacet = "EQUIPMENT";

    /// <summary>The library item of <paramref name="exercise"/>, carrying a hash of its content so re-seeding writes only what changed.</summary>
    public static Dictionary<string, AttributeValue> ToLibraryItem(Exercise exercise)
    {
        var item = Content(exercise);
        item[Keys.PartitionKey] = Attributes.S(Keys.ExerciseLibrary);
        item[Keys.SortKey] = Attributes.S(Keys.Exercise(exercise.Id));
        item[Keys.EntityType] = Attributes.S(Entity);
        item["contentHash"] = Attributes.S(ContentHash(exercise));
        return item;
    }

    /// <summary>The facet items of <paramref name="exercise"/>: full copies whose GSI1 key is a muscle or a piece of equipment.</summary>
    public static IEnumerable<Dictionary<string, AttributeValue>> ToFacetItems(Exercise exercise)
    {
        foreach (var (facet, value) in Facets(exercise))
        {
            var item = Content(exercise);
            item[Keys.PartitionKey] = Attributes.S(Keys.ExerciseLibrary);
            item[Keys.SortKey] = Attributes.S(Keys.ExerciseFacet(facet, value, exercise.Id));
            item[Keys.EntityType] = Attributes.S(FacetEntity);
            item[Keys.Gsi1PartitionKey] = Attributes.S(Keys.ExerciseFacetIndex(facet, value));
            item[Keys.Gsi1SortKey] = Attributes.S(Keys.Exercise(exercise.Id));
            item["contentHash"] = Attributes.S(ContentHash(exercise));
            yield return item;
        }
    }

    public static IEnumerable<(string Facet, string Value)> Facets(Exercise exercise) =>
        exercise.PrimaryMuscles.Concat(exercise.SecondaryMuscles).Distinct(StringComparer.Ordinal).Select(m => (MuscleFacet, m))
            .Concat(exercise.Equipment.Distinct(StringComparer.Ordinal).Select(e => (EquipmentFacet, e)));

    public static Exercise FromItem(Dictionary<string, AttributeValue> item) => new(
        item.GetRequiredString("id"),
        item.GetRequiredString("name"),
        item.GetStringList("primaryMuscles"),
        item.GetStringList("secondaryMuscles"),
        item.GetStringList("equipment"),
        item.GetRequiredString("category"),
        item.GetRequiredString("mechanics"),
        item.GetRequiredString("force"),
        item.GetRequiredString("level"),
        item.GetStringList("instructions"),
        item.GetStringList("mediaKeys"),
        item.GetBool("isCustom") ?? false,
        item.GetBool("retired") ?? false,
        item.GetLong(Keys.Version) ?? 0);

    public const string CustomEntity = EntityTypes.CustomExercise;

    /// <summary>A lifter's own exercise in their partition, at <paramref name="version"/>.</summary>
    public static Dictionary<string, AttributeValue> ToCustomItem(string userId, Exercise exercise, long version, DateTimeOffset now)
    {
        var item = Content(exercise);
        item[Keys.PartitionKey] = Attributes.S(Keys.User(userId));
        item[Keys.SortKey] = Attributes.S(Keys.Exercise(exercise.Id));
        item[Keys.EntityType] = Attributes.S(CustomEntity);
        item[Keys.Version] = Attributes.N(version);
        item["updatedAt"] = Attributes.S(GymCoach.Lambda.Text.Timestamps.ToApi(now));
        return item;
    }

    /// <summary>A stable hash of everything the API shows of the exercise.</summary>
    public static string ContentHash(Exercise e)
    {
        var text = string.Join('\u001f', e.Id, e.Name, string.Join(',', e.PrimaryMuscles), string.Join(',', e.SecondaryMuscles), string.Join(',', e.Equipment),
            e.Category, e.Mechanics, e.Force, e.Level, string.Join('\u001e', e.Instructions), string.Join(',', e.MediaKeys), e.Retired ? "retired" : "live");
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static Dictionary<string, AttributeValue> Content(Exercise e)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            ["id"] = Attributes.S(e.Id),
            ["name"] = Attributes.S(e.Name),
            ["primaryMuscles"] = Attributes.StringList(e.PrimaryMuscles),
            ["secondaryMuscles"] = Attributes.StringList(e.SecondaryMuscles),
            ["equipment"] = Attributes.StringList(e.Equipment),
            ["category"] = Attributes.S(e.Category),
            ["mechanics"] = Attributes.S(e.Mechanics),
            ["force"] = Attributes.S(e.Force),
            ["level"] = Attributes.S(e.Level),
            ["instructions"] = Attributes.StringList(e.Instructions),
            ["mediaKeys"] = Attributes.StringList(e.MediaKeys),
            ["isCustom"] = Attributes.Bool(e.IsCustom),
        };
        if (e.Retired)
        {
            item["retired"] = Attributes.Bool(true);
        }

        return item;
    }
}
